import * as E from "fp-ts/lib/Either.js";
import { decodeRecordedEvent, type DecodedEvent, type RecordedEvent } from "@grantledger/core";
import type { Projection } from "../projection.js";
import { poisonEventAt, type PoisonEvent } from "../projectionError.js";
import { grantRegister, type GrantRegisterState } from "../readModels/grantRegister.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import type { MunicipalityTotalsState } from "../readModels/municipalityTotalsState.js";
import { roundBudget, type RoundBudgetState } from "../readModels/roundBudget.js";

/** The states of the three read models whose money figures are explained. */
export interface ExplainStates {
  /** `municipalityTotals`: municipalities and other participants. */
  readonly totals: MunicipalityTotalsState;
  /** `roundBudget`: rounds. */
  readonly budget: RoundBudgetState;
  /** `grantRegister`: grants, and payees as sums of grants. */
  readonly register: GrantRegisterState;
}

/** The states before the first event. */
export const initialExplainStates: ExplainStates = {
  totals: municipalityTotals.initialState,
  budget: roundBudget.initialState,
  register: grantRegister.initialState,
};

const handles = (projection: Projection<unknown>): ReadonlySet<string> => new Set<string>(projection.handles);
const TOTALS = handles(municipalityTotals as Projection<unknown>);
const BUDGET = handles(roundBudget as Projection<unknown>);
const REGISTER = handles(grantRegister as Projection<unknown>);

const applyOne = <S>(projection: Projection<S>, state: S, event: DecodedEvent): E.Either<PoisonEvent, S> => {
  try {
    return E.right(projection.apply(state, event));
  } catch (error) {
    return E.left(poisonEventAt(projection.name, event.recorded, error instanceof Error ? error.message : String(error)));
  }
};

/** One recorded event's step: the decoded event (if any read model handles it) and the states after it. */
export interface ExplainStep {
  /** The event decoded; `undefined` when none of the three read models handles its type. */
  readonly decoded: DecodedEvent | undefined;
  /** The states after the event (the same object when nothing handles it). */
  readonly after: ExplainStates;
}

/**
 * Folds one event into each of the three read models that handles it, with each projection's
 * own `apply`: the states before are kept unchanged (persistent maps), so a figure can be read
 * before and after. A codec failure or a throw is the same `PoisonEvent` a runner would stop at.
 */
export const stepStates = (states: ExplainStates, recorded: RecordedEvent): E.Either<PoisonEvent, ExplainStep> => {
  const byTotals = TOTALS.has(recorded.type);
  const byBudget = BUDGET.has(recorded.type);
  const byRegister = REGISTER.has(recorded.type);
  if (!byTotals && !byBudget && !byRegister) return E.right({ decoded: undefined, after: states });
  const decoded = decodeRecordedEvent(recorded);
  if (E.isLeft(decoded)) {
    const name = byTotals ? municipalityTotals.name : byBudget ? roundBudget.name : grantRegister.name;
    return E.left(poisonEventAt(name, recorded, decoded.left.reason, decoded.left.path));
  }
  const event = decoded.right;
  const totals = byTotals ? applyOne(municipalityTotals, states.totals, event) : E.right(states.totals);
  if (E.isLeft(totals)) return totals;
  const budget = byBudget ? applyOne(roundBudget, states.budget, event) : E.right(states.budget);
  if (E.isLeft(budget)) return budget;
  const register = byRegister ? applyOne(grantRegister, states.register, event) : E.right(states.register);
  if (E.isLeft(register)) return register;
  return E.right({ decoded: event, after: { totals: totals.right, budget: budget.right, register: register.right } });
};
