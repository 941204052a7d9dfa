import * as E from "fp-ts/lib/Either.js";
import { commitmentTarget, evolveGrant, initialGrantState } from "../deciders/grantState.js";
import { commitmentFor, evolveRound, initialRoundState } from "../deciders/roundState.js";
import { decodeRecordedEvent } from "../events/decodeEvent.js";
import { isGrantEvent, isRoundEvent } from "../handler/streamModels.js";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { formatMoney, Money } from "../values/money.js";
import { checkGrantEvent, checkRoundEvent, type Broken, type ReplayStates } from "./ruleReplayChecks.js";

/**
 * The first event of a history that breaks a business rule: the deciders, given the states
 * folded from every event before it, would not have written it.
 */
export interface RuleBreak {
  /** Always `"RuleBreak"`: tells it from a `HistoryBreak` where both can be reported. */
  readonly _tag: "RuleBreak";
  /** The stream of the event that breaks the rule. */
  readonly streamName: string;
  /** Its revision in that stream. */
  readonly revision: bigint;
  /** Its global position. */
  readonly position: bigint;
  /** Its recorded type. */
  readonly eventType: string;
  /**
   * The rule broken: the tag of the domain error the decider refuses the event's command with,
   * e.g. `"DisbursementExceedsAward"`, `"AwardExceedsRemainingBudget"`, `"GrantNotEvaluated"`;
   * `"EventOutOfPlace"` when the deciders accept the command but no command could have written
   * the event where it stands (an event in a stream whose name does not match its data's id or
   * kind, an award whose money was never committed, a second commitment for a grant, a
   * commitment for a grant no award can have been decided for, a release that is not the
   * commitment held or is of an awarded grant, a field no command writes); `"Undecodable"` when
   * the event does not pass its codec (`verifyHistory` reports that in full).
   */
  readonly rule: string;
  /**
   * The domain error itself with its figures (award, paid so far, this payment, remaining …), as
   * plain JSON values: money as numbers of øre, no bigint. For `EventOutOfPlace` and
   * `Undecodable` it is `{ _tag, reason, …figures }`.
   */
  readonly error: Readonly<Record<string, unknown>>;
}

/** What {@link replayRules} replayed, when no rule broke. */
export interface RulesReplayed {
  /** Every event read, those of streams that are not grants or rounds (seals and others) included. */
  readonly events: number;
  /** How many grant streams were replayed. */
  readonly grants: number;
  /** How many round streams were replayed. */
  readonly rounds: number;
  /**
   * Grants whose round, at the end of the history, holds other than they need (see
   * `commitmentTarget`): legal while a command that crashed between its two appends awaits its
   * retry (the retry, or the grant's next decision, settles it), but worth an auditor's look.
   * Empty for a settled history.
   */
  readonly unsettled: readonly UnsettledGrant[];
}

/** A grant whose round holds more or less than the grant needs. Money in øre. */
export interface UnsettledGrant {
  /** The grant. */
  readonly grantId: string;
  /** Its round. */
  readonly roundId: string;
  /** What the round holds for it: its commitments less its releases. */
  readonly held: number;
  /** What it needs: a live award's amount, a closed grant's paid net, else 0. */
  readonly needed: number;
}

/** Every grant, in the order first read, whose round holds other than it needs. */
const unsettledGrants = (states: ReplayStates): UnsettledGrant[] => {
  const unsettled: UnsettledGrant[] = [];
  for (const [grantId, grant] of states.grants) {
    if (grant.status === "none") continue;
    const round = states.rounds.get(grant.roundId);
    const held = round === undefined || round.status === "none" ? 0 : (commitmentFor(round, grantId) ?? 0);
    const needed = commitmentTarget(grant);
    if (held !== needed) unsettled.push({ grantId, roundId: grant.roundId, held, needed });
  }
  return unsettled;
};

const GRANT_PREFIX = "grant-";
const ROUND_PREFIX = "round-";

// Only a break is converted, so the cost is paid once; bigint never reaches the caller.
const jsonSafe = (error: object): Readonly<Record<string, unknown>> =>
  JSON.parse(JSON.stringify(error, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as Record<string, unknown>;

const ruleBreak = (event: RecordedEvent, broken: Broken): RuleBreak => ({
  _tag: "RuleBreak",
  streamName: event.streamName,
  revision: event.revision,
  position: event.position,
  eventType: event.type,
  rule: broken.rule,
  error: jsonSafe(broken.error),
});

/**
 * Rule replay one event at a time, for a reader that makes one pass over a history for several
 * checks (the CLI's `verify --rules` runs it beside `verifyHistory`). Give it every event in
 * global order; see {@link replayRules} for what is checked.
 */
export interface RuleReplay {
  /**
   * Checks one event against the states folded from the events given before, then folds it.
   * The first break is returned, and again for every later event: a broken history is not
   * replayed further.
   */
  step(event: RecordedEvent): RuleBreak | undefined;
  /** What has been replayed so far. */
  summary(): RulesReplayed;
}

/** Starts a rule replay with no events read (see {@link RuleReplay}). */
export const createRuleReplay = (): RuleReplay => {
  const states: ReplayStates = { grants: new Map(), rounds: new Map() };
  let count = 0;
  let broken: RuleBreak | undefined;

  const check = (recorded: RecordedEvent): Broken | undefined => {
    const isGrant = recorded.streamName.startsWith(GRANT_PREFIX);
    if (!isGrant && !recorded.streamName.startsWith(ROUND_PREFIX)) return undefined;
    const decoded = decodeRecordedEvent(recorded);
    if (E.isLeft(decoded)) {
      const { path, reason } = decoded.left;
      return { rule: "Undecodable", error: { _tag: "Undecodable", reason, path } };
    }
    const { event, metadata } = decoded.right;
    if (isGrant) {
      const grantId = recorded.streamName.slice(GRANT_PREFIX.length);
      const failed = checkGrantEvent(states, grantId, event, metadata.actor);
      // The check refuses a round event in a grant stream, so an event that passed always folds.
      if (failed === undefined && isGrantEvent(event)) states.grants.set(grantId, evolveGrant(states.grants.get(grantId) ?? initialGrantState, event, metadata.actor));
      return failed;
    }
    const roundId = recorded.streamName.slice(ROUND_PREFIX.length);
    const failed = checkRoundEvent(states, roundId, event);
    if (failed === undefined && isRoundEvent(event)) states.rounds.set(roundId, evolveRound(states.rounds.get(roundId) ?? initialRoundState, event));
    return failed;
  };

  return {
    step: (recorded) => {
      if (broken !== undefined) return broken;
      count += 1;
      const failed = check(recorded);
      if (failed !== undefined) broken = ruleBreak(recorded, failed);
      return broken;
    },
    summary: () => ({ events: count, grants: states.grants.size, rounds: states.rounds.size, unsettled: unsettledGrants(states) }),
  };
};

/**
 * Replays a whole history, read in global order, through the deciders (docs/audit.md): each
 * event of a `grant-<id>` or `round-<id>` stream is turned back into the command that produced
 * it and decided on the states folded from the events before it (the grant's and its round's
 * for a grant event, the round's for a round event); the decider must accept it and decide
 * exactly that event. An award's `GrantAwarded` must find its `FundsCommitted` already in the
 * round; a `FundsCommitted` is checked on its own, as the award's commitment, when it is read
 * (the over-commitment rule). Events of other streams (`seal`, anything else) are counted, not
 * checked. Stops at the first break. Memory: one folded state per grant and round stream.
 * A separate check from `verifyHistory` (hashes, order, seals), which it does not repeat.
 */
export const replayRules = async (events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>): Promise<E.Either<RuleBreak, RulesReplayed>> => {
  const replay = createRuleReplay();
  for await (const event of events) {
    const broken = replay.step(event);
    if (broken !== undefined) return E.left(broken);
  }
  return E.right(replay.summary());
};

// The figures of the domain errors that are amounts of øre (grantErrors.ts, roundErrors.ts).
const AMOUNT_KEYS: ReadonlySet<string> = new Set([
  "amount",
  "award",
  "awarded",
  "budget",
  "cap",
  "committed",
  "disbursed",
  "maxGrant",
  "maxProjectCost",
  "minProjectCost",
  "planned",
  "recommended",
  "released",
  "remaining",
  "requested",
  "totalCost",
]);

const figure = (key: string, value: unknown): string => {
  if (AMOUNT_KEYS.has(key) && Money.is(value)) return formatMoney(value);
  if (typeof value === "string") return /^[^\s,=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
};

/**
 * One line for an auditor: `rule <rule> broken by <type> at <stream>@<revision> (position
 * <position>): key=value, …` with the error's figures, amounts in kroner (`3 300 000,00 kr`).
 */
export const describeRuleBreak = (b: RuleBreak): string => {
  const figures = Object.entries(b.error)
    .filter(([key]) => key !== "_tag")
    .map(([key, value]) => `${key}=${figure(key, value)}`);
  return `rule ${b.rule} broken by ${b.eventType} at ${b.streamName}@${b.revision} (position ${b.position}): ${figures.join(", ")}`;
};
