import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import type { GrantCommand } from "../deciders/commands.js";
import { decideGrant } from "../deciders/grantDecider.js";
import { initialGrantState, type GrantState } from "../deciders/grantState.js";
import { decideRound } from "../deciders/roundDecider.js";
import { initialRoundState, type RoundState } from "../deciders/roundState.js";
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
 * Whether an award of the grant can have been decided when its commitment was written. The
 * handler commits only after the grant decider accepted the award on an evaluated grant of this
 * round; the grant may have been rejected since by another process (the award then fails and
 * releases the commitment), so a rejected grant that was evaluated passes too.
 */
const commitmentOutOfPlace = (grant: GrantState, roundId: string, grantId: string): Broken | undefined => {
  if (grant.status === "none") return outOfPlace(`grant ${grantId} has not applied: no award commits money to it`, { roundId, grantId });
  if (grant.roundId !== roundId) return outOfPlace(`grant ${grantId} applied to round ${grant.roundId}, not this one`, { roundId, grantId });
  if (grant.evaluation === undefined) return outOfPlace(`grant ${grantId} is not evaluated: no award of it can have been decided`, { roundId, grantId, status: grant.status });
  if (grant.status === "awarded") return outOfPlace(`grant ${grantId} is awarded already: its award committed its money before it`, { roundId, grantId });
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
    case "FundsCommitted": {
      const { grantId, amount } = event.data;
      const misplaced = commitmentOutOfPlace(states.grants.get(grantId) ?? initialGrantState, roundId, grantId);
      if (misplaced !== undefined) return misplaced;
      const decision = decideRound({ type: "CommitFunds", data: event.data }, round);
      if (E.isRight(decision) && decision.right.length === 0) {
        return outOfPlace(`grant ${grantId} already holds this commitment: an award commits its money once`, { roundId, grantId, committed: amount });
      }
      return expectDecided(decision, event, "CommitFunds");
    }
    case "FundsReleased": {
      const { grantId, amount } = event.data;
      const grant = states.grants.get(grantId) ?? initialGrantState;
      if (grant.status === "awarded") {
        return outOfPlace(`grant ${grantId} is awarded: its commitment is its award's money and is not released`, { roundId, grantId, released: amount });
      }
      const decision = decideRound({ type: "ReleaseFunds", data: event.data }, round);
      const decided = E.isRight(decision) ? decision.right[0] : undefined;
      if (decided?.type === "FundsReleased" && decided.data.amount !== amount) {
        return outOfPlace(`the release is not the commitment the round holds for grant ${grantId}`, { roundId, grantId, committed: decided.data.amount, released: amount });
      }
      return expectDecided(decision, event, "ReleaseFunds");
    }
  }
};

/** The command that produced a grant event: its data is the event's (an award's round comes from the application). */
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
  }
};

/**
 * Re-decides a grant event (stream `grant-<grantId>`) on the grant's state and its round's. An
 * award must also find its money committed: the handler appends `FundsCommitted` on the round
 * before `GrantAwarded`, so by then the round holds a commitment of exactly the award, which the
 * award decision counts as its own (not twice), and committing it again decides nothing.
 */
export const checkGrantEvent = (states: ReplayStates, grantId: string, event: DomainEvent): Broken | undefined => {
  if (isRoundEvent(event)) return outOfPlace(`a ${event.type} belongs in a round stream, not in grant-${grantId}`, { grantId });
  if (event.data.grantId !== grantId) return outOfPlace(`the stream is grant ${grantId}'s, the event is for grant ${event.data.grantId}`, { grantId, eventGrantId: event.data.grantId });
  const stray = strayField(event);
  if (stray !== undefined) return stray;
  const grant = states.grants.get(grantId) ?? initialGrantState;
  const roundId = event.type === "GrantApplied" ? event.data.roundId : grant.status === "none" ? undefined : grant.roundId;
  const round = (roundId === undefined ? undefined : states.rounds.get(roundId)) ?? initialRoundState;
  const command = commandOf(event);
  const broken = expectDecided(decideGrant(command, grant, round), event, command.type);
  if (broken !== undefined || event.type !== "GrantAwarded" || round.status === "none") return broken;
  const { amount } = event.data;
  const commit = decideRound({ type: "CommitFunds", data: { roundId: round.roundId, grantId: event.data.grantId, amount } }, round);
  if (E.isLeft(commit)) return refused(commit.left);
  if (commit.right.length > 0) return outOfPlace(`round ${round.roundId} holds no commitment for this award: its FundsCommitted was never written`, { roundId: round.roundId, grantId, amount });
  return undefined;
};
