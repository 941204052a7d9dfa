/**
 * The grant decider written for Emmett, rule for rule as core's `decideGrant` (with
 * `checkApplication`, `checkAward`, `checkDisbursement`) and `evolveGrant`, for the commands the
 * workload gives: apply, evaluate, award, disburse. Same event shapes as grantledger's. What it
 * does not do, because Emmett has no such thing: decode commands or events with codecs, and
 * hash events into a chain.
 */
import { IllegalStateError } from "@event-driven-io/emmett";
import type { Command, Event } from "@event-driven-io/emmett";
import type { CommandData } from "./grantScript.js";
import type { RoundState } from "./emmettRoundDecider.js";
import { commitmentFor, remainingBudget } from "./emmettRoundDecider.js";

type AwardData = CommandData<"AwardGrant"> & { roundId: string };

export type GrantApplied = Event<"GrantApplied", CommandData<"ApplyForGrant">>;
export type ApplicationEvaluated = Event<"ApplicationEvaluated", CommandData<"EvaluateApplication">>;
export type GrantAwarded = Event<"GrantAwarded", AwardData>;
export type GrantDisbursed = Event<"GrantDisbursed", CommandData<"DisburseGrant">>;
export type GrantEvent = GrantApplied | ApplicationEvaluated | GrantAwarded | GrantDisbursed;

export type GrantCommand =
  | Command<"ApplyForGrant", CommandData<"ApplyForGrant">>
  | Command<"EvaluateApplication", CommandData<"EvaluateApplication">>
  | Command<"AwardGrant", CommandData<"AwardGrant">>
  | Command<"DisburseGrant", CommandData<"DisburseGrant">>;

interface ExistingGrant {
  readonly status: "applied" | "evaluated" | "awarded";
  readonly grantId: string;
  readonly roundId: string;
  readonly application: CommandData<"ApplyForGrant">;
  readonly evaluation: CommandData<"EvaluateApplication"> | undefined;
  readonly award: AwardData | undefined;
  readonly disbursed: number;
  readonly paymentRefs: readonly string[];
}
export type GrantState = { readonly status: "none" } | ExistingGrant;

export const initialGrantState = (): GrantState => ({ status: "none" });

const refuse = (reason: string): never => {
  throw new IllegalStateError(reason);
};

const shareOf = (amount: number, bps: number): number => {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`not basis points: ${bps}`);
  return Number((BigInt(amount) * BigInt(bps)) / 10_000n);
};

const participantKey = (participant: CommandData<"ApplyForGrant">["participants"][number]): string =>
  participant.kind === "municipality"
    ? `municipality:${participant.municipalityNo}`
    : participant.kind === "county"
      ? `county:${participant.countyNo}`
      : `org:${participant.orgNo}`;

type OpenRound = Exclude<RoundState, { status: "none" }>;

const checkApplication = (data: CommandData<"ApplyForGrant">, round: OpenRound): void => {
  const { grantId, applicant, totalCost, requested, appliedAt, participants } = data;
  const { policy } = round;
  if (Date.parse(appliedAt) > Date.parse(round.applicationDeadline)) refuse(`grant ${grantId}: applied after the deadline`);
  if (!policy.eligibleApplicants.includes(applicant.kind)) refuse(`grant ${grantId}: ${applicant.kind} may not apply`);
  if (policy.minProjectCost !== undefined && totalCost < policy.minProjectCost) refuse(`grant ${grantId}: project cost below the minimum`);
  if (policy.maxProjectCost !== undefined && totalCost > policy.maxProjectCost) refuse(`grant ${grantId}: project cost above the maximum`);
  if (requested <= 0) refuse(`grant ${grantId}: nothing requested`);
  if (requested > shareOf(totalCost, policy.maxShareBps)) refuse(`grant ${grantId}: request above the share cap`);
  if (policy.maxGrant !== undefined && requested > policy.maxGrant) refuse(`grant ${grantId}: request above the largest grant`);
  if (participants.length === 0) refuse(`grant ${grantId}: no participants`);
  const seen = new Set<string>();
  let sumBps = 0;
  for (const participant of participants) {
    const key = participantKey(participant);
    if (seen.has(key)) refuse(`grant ${grantId}: ${key} takes part twice`);
    seen.add(key);
    if (participant.shareBps === 0) refuse(`grant ${grantId}: ${key} has no share`);
    sumBps += participant.shareBps;
  }
  if (sumBps !== 10_000) refuse(`grant ${grantId}: shares sum to ${sumBps}, not 10 000`);
};

const checkAward = (data: CommandData<"AwardGrant">, grant: ExistingGrant, round: OpenRound): void => {
  const { grantId, amount, disbursementPlan, benefitsPlan } = data;
  const { requested, totalCost } = grant.application;
  const { policy } = round;
  if (amount <= 0) refuse(`grant ${grantId}: award not positive`);
  if (amount > requested) refuse(`grant ${grantId}: award above the request`);
  if (amount > shareOf(totalCost, policy.maxShareBps)) refuse(`grant ${grantId}: award above the share cap`);
  if (policy.maxGrant !== undefined && amount > policy.maxGrant) refuse(`grant ${grantId}: award above the largest grant`);
  let planned = 0;
  for (const instalment of disbursementPlan) {
    if (instalment.amount <= 0) refuse(`grant ${grantId}: instalment not positive`);
    if (instalment.due < round.disbursementWindow.from || instalment.due > round.disbursementWindow.to) refuse(`grant ${grantId}: instalment outside the window`);
    planned += instalment.amount;
  }
  if (planned !== amount) refuse(`grant ${grantId}: plan sums to ${planned}, not ${amount}`);
  if (policy.requiresBenefitsPlan && (benefitsPlan === undefined || benefitsPlan.length === 0)) refuse(`grant ${grantId}: benefits plan required`);
  const committed = commitmentFor(round, grantId);
  if (committed !== undefined) {
    if (committed !== amount) refuse(`grant ${grantId}: ${committed} already committed, not ${amount}`);
    return;
  }
  if (amount > remainingBudget(round)) refuse(`grant ${grantId}: award exceeds the round's remaining budget`);
};

const checkDisbursement = (data: CommandData<"DisburseGrant">, grant: ExistingGrant, awarded: number, round: OpenRound): void => {
  const { grantId, amount, paymentRef, disbursedAt } = data;
  if (amount <= 0) refuse(`grant ${grantId}: disbursement not positive`);
  if (grant.paymentRefs.includes(paymentRef)) refuse(`grant ${grantId}: payment ${paymentRef} already recorded`);
  if (amount > awarded - grant.disbursed) refuse(`grant ${grantId}: disbursement exceeds what is left of the award`);
  const day = disbursedAt.slice(0, 10);
  if (day < round.disbursementWindow.from || day > round.disbursementWindow.to) refuse(`grant ${grantId}: disbursed outside the window`);
  if (round.policy.reportBeforeNextTranche && grant.paymentRefs.length > 0) refuse(`grant ${grantId}: a benefits report is required first`);
};

/** Decides a grant command, given the state of its round, as `decideGrant` does. */
export const decideGrant = (command: GrantCommand, state: GrantState, round: RoundState): GrantEvent[] => {
  const { grantId } = command.data;
  if (command.type === "ApplyForGrant") {
    if (state.status !== "none") return refuse(`grant ${grantId} already applied for`);
    if (round.status === "none") return refuse(`round ${command.data.roundId} not found`);
    checkApplication(command.data, round);
    return [{ type: "GrantApplied", data: command.data }];
  }
  if (state.status === "none") return refuse(`grant ${grantId} not found`);
  switch (command.type) {
    case "EvaluateApplication": {
      if (state.status !== "applied") return refuse(`grant ${grantId} is ${state.status}, not applied`);
      const { recommendedAmount } = command.data;
      if (recommendedAmount !== undefined && recommendedAmount > state.application.requested) return refuse(`grant ${grantId}: recommendation above the request`);
      return [{ type: "ApplicationEvaluated", data: command.data }];
    }
    case "AwardGrant":
      if (state.status !== "evaluated") return refuse(`grant ${grantId} is ${state.status}, not evaluated`);
      if (round.status === "none") return refuse(`round ${state.roundId} not found`);
      checkAward(command.data, state, round);
      return [{ type: "GrantAwarded", data: { ...command.data, roundId: state.application.roundId } }];
    case "DisburseGrant":
      if (state.status !== "awarded" || state.award === undefined) return refuse(`grant ${grantId} is not awarded`);
      if (round.status === "none") return refuse(`round ${state.roundId} not found`);
      checkDisbursement(command.data, state, state.award.amount, round);
      return [{ type: "GrantDisbursed", data: command.data }];
  }
};

/** Folds one grant event, as `evolveGrant` does. */
export const evolveGrant = (state: GrantState, event: GrantEvent): GrantState => {
  if (event.type === "GrantApplied") {
    const { grantId, roundId } = event.data;
    return { status: "applied", grantId, roundId, application: event.data, evaluation: undefined, award: undefined, disbursed: 0, paymentRefs: [] };
  }
  if (state.status === "none") return state;
  switch (event.type) {
    case "ApplicationEvaluated":
      return { ...state, status: "evaluated", evaluation: event.data };
    case "GrantAwarded":
      return { ...state, status: "awarded", award: event.data };
    case "GrantDisbursed":
      return { ...state, disbursed: state.disbursed + event.data.amount, paymentRefs: [...state.paymentRefs, event.data.paymentRef] };
  }
};
