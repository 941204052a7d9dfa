import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import type { GrantCommand } from "../deciders/commands.js";
import { decideGrant } from "../deciders/grantDecider.js";
import { commitmentTarget, initialGrantState, roundForCommitment, type GrantState } from "../deciders/grantState.js";
import { decideCarryOver, decideRound, type CarryOverEvents } from "../deciders/roundDecider.js";
import { carryInFlight, commitmentFor, initialRoundState, type RoundState } from "../deciders/roundState.js";
import { DomainEvent } from "../events/domainEvent.js";
import type { GrantEvent } from "../events/grantEvents.js";
import type { RoundEvent } from "../events/roundEvents.js";
import { isRoundEvent } from "../handler/streamModels.js";
import { unknownField } from "../handler/unknownField.js";

/** A broken rule as the checks find it: the rule's name and the domain error (or its stand-in). */
export interface Broken {
  /** The domain error's tag, `EventOutOfPlace` or `Undecodable`. */
  readonly rule: string;
  /** The error, `_tag` included. */
  readonly error: { readonly _tag: string } & Readonly<Record<string, unknown>>;
}

/** The folded state of every grant and round stream read so far, by id. */
export interface ReplayStates {
  /** Grant states by grant id (stream `grant-<id>`). */
  readonly grants: Map<string, GrantState>;
  /** Round states by round id (stream `round-<id>`). */
  readonly rounds: Map<string, RoundState>;
}

/** An event no command could have produced where it stands: `reason` says why, the rest are figures. */
const outOfPlace = (reason: string, figures: Readonly<Record<string, unknown>> = {}): Broken => ({
  rule: "EventOutOfPlace",
  error: { _tag: "EventOutOfPlace", reason, ...figures },
});

const refused = (error: { readonly _tag: string }): Broken => ({ rule: error._tag, error });

/** Order-insensitive equality of two JSON values (decided data is spread, so key order differs). */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
};

/**
 * The decider must accept the command the event stands for and decide exactly that event:
 * a refusal is the decider's own error; anything else decided (nothing, or other data) means no
 * command could have written the event here.
 */
const expectDecided = (
  decision: E.Either<{ readonly _tag: string }, readonly (GrantEvent | RoundEvent)[]>,
  event: DomainEvent,
  command: string,
): Broken | undefined => {
  if (E.isLeft(decision)) return refused(decision.left);
  const decided = decision.right;
  const only = decided.length === 1 ? decided[0] : undefined;
  if (only !== undefined && only.type === event.type && sameJson(only.data, event.data)) return undefined;
  return outOfPlace(
    decided.length === 0 ? `${command} decides nothing here: what it would write is already recorded` : `${command} decides other events here`,
    { decided: decided.map(({ type, data }) => ({ type, data })) },
  );
};

// One codec per event type, as the handler picks its command codecs: the walk starts there.
const EVENT_MEMBERS: ReadonlyMap<string, t.Mixed> = new Map(DomainEvent.types.flatMap((union) => union.types.map((codec): [string, t.Mixed] => [codec.props.type.value, codec])));

/** A field the event's codec lets through but no command writes (the handler refuses unknown fields). */
const strayField = (event: DomainEvent): Broken | undefined => {
  const codec = EVENT_MEMBERS.get(event.type);
  const field = codec === undefined ? undefined : unknownField(codec, event);
  return field === undefined ? undefined : outOfPlace(`${field} is not a field of ${event.type}: no command writes it`, { field });
};

/**
 * Whether a commitment can stand here: the handler commits only for an award it decided on an
 * evaluated grant of this round that holds nothing yet (the grant may have been rejected since
 * by another process; the award then fails and releases it), or for the increase of an amended
 * live award, whose `AwardAmended` follows and must find it.
 */
const commitmentOutOfPlace = (grant: GrantState, round: RoundState, roundId: string, grantId: string): Broken | undefined => {
  if (grant.status === "none") return outOfPlace(`grant ${grantId} has not applied: no award commits money to it`, { roundId, grantId });
  if (grant.roundId !== roundId) return outOfPlace(`grant ${grantId} applied to round ${grant.roundId}, not this one`, { roundId, grantId });
  if (grant.status === "awarded") return undefined;
  if (grant.evaluation === undefined) return outOfPlace(`grant ${grantId} is not evaluated: no award of it can have been decided`, { roundId, grantId, status: grant.status });
  const held = round.status === "none" ? undefined : commitmentFor(round, grantId);
  if (held !== undefined) return outOfPlace(`grant ${grantId} already holds this commitment: an award commits its money once`, { roundId, grantId, committed: held });
  return undefined;
};

/** Re-decides a round event (stream `round-<roundId>`) on the states folded so far. */
export const checkRoundEvent = (states: ReplayStates, roundId: string, event: DomainEvent): Broken | undefined => {
  if (!isRoundEvent(event)) return outOfPlace(`a ${event.type} belongs in a grant stream, not in round-${roundId}`, { roundId });
  if (event.data.roundId !== roundId) return outOfPlace(`the stream is round ${roundId}'s, the event is for round ${event.data.roundId}`, { roundId, eventRoundId: event.data.roundId });
  const stray = strayField(event);
  if (stray !== undefined) return stray;
  const round = states.rounds.get(roundId) ?? initialRoundState;
  switch (event.type) {
    case "RoundOpened":
      return expectDecided(decideRound({ type: "OpenRound", data: event.data }, round), event, "OpenRound");
    case "RoundClosed":
      return expectDecided(decideRound({ type: "CloseRound", data: event.data }, round), event, "CloseRound");
    case "RoundBudgetAdjusted": {
      const { previousBudget: _derived, ...data } = event.data;
      return expectDecided(decideRound({ type: "AdjustRoundBudget", data }, round), event, "AdjustRoundBudget");
    }
    case "FundsCarriedOver": {
      const target = states.rounds.get(event.data.toRoundId) ?? initialRoundState;
      const decision = decideCarryOver({ type: "CarryOverFunds", data: event.data }, round, target);
      return expectDecided(E.map((events: CarryOverEvents) => events.carriedOver)(decision), event, "CarryOverFunds");
    }
    case "FundsCarriedIn": {
      const { fromRoundId, amount } = event.data;
      const source = states.rounds.get(fromRoundId) ?? initialRoundState;
      const inFlight = source.status === "none" || round.status === "none" ? 0 : carryInFlight(source, round);
      if (amount > inFlight) return outOfPlace(`round ${fromRoundId} sent no carry-over of this amount to round ${roundId}`, { roundId, fromRoundId, amount, inFlight });
      return expectDecided(decideRound({ type: "ReceiveCarriedFunds", data: event.data }, round), event, "ReceiveCarriedFunds");
    }
    case "FundsCommitted": {
      const { grantId } = event.data;
      const grant = states.grants.get(grantId) ?? initialGrantState;
      const misplaced = commitmentOutOfPlace(grant, round, roundId, grantId);
      if (misplaced !== undefined) return misplaced;
      // An award an upheld appeal ordered may commit in a round closed since (not an amendment's increase).
      const deciding = grant.status === "awarded" ? round : roundForCommitment(round, grant);
      return expectDecided(decideRound({ type: "CommitFunds", data: event.data }, deciding), event, "CommitFunds");
    }
    case "FundsReleased": {
      const { grantId, amount } = event.data;
      const grant = states.grants.get(grantId) ?? initialGrantState;
      const held = round.status === "none" ? 0 : (commitmentFor(round, grantId) ?? 0);
      const needed = commitmentTarget(grant);
      // A release of more than is held is the decider's NoCommitmentToRelease, not a backed award's.
      if (amount <= held && held - amount < needed) {
        return outOfPlace(`grant ${grantId} needs ${needed} øre of the ${held} the round holds for it: the release would free money its award still backs`, { roundId, grantId, held, needed, released: amount });
      }
      return expectDecided(decideRound({ type: "ReleaseFunds", data: event.data }, round), event, "ReleaseFunds");
    }
  }
};

/** The command that produced a grant event: its data is the event's, less what the decider derives (a round, a previous amount, what is unpaid). */
const commandOf = (event: GrantEvent): GrantCommand => {
  switch (event.type) {
    case "GrantApplied":
      return { type: "ApplyForGrant", data: event.data };
    case "ApplicationEvaluated":
      return { type: "EvaluateApplication", data: event.data };
    case "GrantAwarded": {
      const { roundId: _fromApplication, ...data } = event.data;
      return { type: "AwardGrant", data };
    }
    case "GrantRejected":
      return { type: "RejectApplication", data: event.data };
    case "GrantDisbursed":
      return { type: "DisburseGrant", data: event.data };
    case "BenefitsReported":
      return { type: "ReportBenefits", data: event.data };
    case "ConditionsAccepted":
      return { type: "AcceptConditions", data: event.data };
    case "AwardAmended": {
      const { roundId: _round, previousAmount: _previous, ...data } = event.data;
      return { type: "AmendAward", data };
    }
    case "DisbursementReversed":
      return { type: "ReverseDisbursement", data: event.data };
    case "RepaymentClaimed":
      return { type: "ClaimRepayment", data: event.data };
    case "RepaymentReceived":
      return { type: "RecordRepayment", data: event.data };
    case "GrantClosed": {
      const { roundId: _round, unpaid: _unpaid, ...data } = event.data;
      return { type: "CloseGrant", data };
    }
    case "ApplicationWithdrawn":
      return { type: "WithdrawApplication", data: event.data };
    case "AwardRenounced": {
      const { roundId: _round, ...data } = event.data;
      return { type: "RenounceAward", data };
    }
    case "ApplicationDismissed":
      return { type: "DismissApplication", data: event.data };
    case "DecisionAppealed":
      return { type: "AppealDecision", data: event.data };
    case "AppealUpheld":
      return { type: "UpholdAppeal", data: event.data };
    case "AppealDismissed":
      return { type: "DismissAppeal", data: event.data };
    case "ConflictOfInterestDeclared":
      return { type: "DeclareConflictOfInterest", data: event.data };
  }
};

/**
 * Re-decides a grant event (stream `grant-<grantId>`) on the grant's state and its round's, as
 * given by `actor` (the event's metadata). An award, or an amendment that raises one, must also
 * find its money committed: the handler appends `FundsCommitted` on the round first, so by then
 * the round holds exactly the new amount for the grant.
 */
export const checkGrantEvent = (states: ReplayStates, grantId: string, event: DomainEvent, actor?: string): Broken | undefined => {
  if (isRoundEvent(event)) return outOfPlace(`a ${event.type} belongs in a round stream, not in grant-${grantId}`, { grantId });
  if (event.data.grantId !== grantId) return outOfPlace(`the stream is grant ${grantId}'s, the event is for grant ${event.data.grantId}`, { grantId, eventGrantId: event.data.grantId });
  const stray = strayField(event);
  if (stray !== undefined) return stray;
  const grant = states.grants.get(grantId) ?? initialGrantState;
  const roundId = event.type === "GrantApplied" ? event.data.roundId : grant.status === "none" ? undefined : grant.roundId;
  const round = (roundId === undefined ? undefined : states.rounds.get(roundId)) ?? initialRoundState;
  const command = commandOf(event);
  const broken = expectDecided(decideGrant(command, grant, round, actor), event, command.type);
  if (broken !== undefined || round.status === "none") return broken;
  const raised = event.type === "GrantAwarded" || (event.type === "AwardAmended" && event.data.amount > event.data.previousAmount);
  if (!raised) return undefined;
  const { amount } = event.data;
  const held = commitmentFor(round, grantId) ?? 0;
  // An award finds exactly its commitment; a raised amendment at least its new amount (a
  // lowering's surplus may still be held, awaiting its release).
  const backed = event.type === "GrantAwarded" ? held === amount : held >= amount;
  if (!backed) return outOfPlace(`round ${round.roundId} holds ${held} øre for grant ${grantId}, not the ${amount} of this ${event.type}: its FundsCommitted was never written`, { roundId: round.roundId, grantId, amount, held });
  return undefined;
};
