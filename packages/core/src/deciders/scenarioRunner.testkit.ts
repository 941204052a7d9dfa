import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";
import type { GrantEvent } from "../events/grantEvents.js";
import type { RoundEvent } from "../events/roundEvents.js";
import { shareOfMoney, unsafeMoney, type Money } from "../values/money.js";
import type { NonEmptyText } from "../values/text.js";
import type { GrantCommand } from "./commands.js";
import { GRANTS, ROUND, type AmountSpec, type Base, type Step } from "./commandScenarios.testkit.js";
import { type RoundOpening, at, bergen, bergenKommune, costSaving, day, id, oslo, text } from "./fixtures.testkit.js";
import { decideGrant } from "./grantDecider.js";
import { commitmentTarget, evolveGrant, initialGrantState, type GrantState } from "./grantState.js";
import { decideRound } from "./roundDecider.js";
import { commitmentFor, evolveRound, initialRoundState, type RoundState } from "./roundState.js";

/*
 * Runs a generated scenario the way the command handler runs commands: only accepted decisions
 * are folded, and every accepted award commits the money the round does not yet hold for it
 * first (sometimes "crashing" before the award is recorded: the retry then commits nothing
 * more, and a rejection releases what the crash left).
 */

export interface GrantStream {
  state: GrantState;
  readonly events: GrantEvent[];
}

export interface World {
  round: RoundState;
  readonly roundEvents: RoundEvent[];
  readonly grants: readonly GrantStream[];
}

const pad = (n: number): string => n.toString().padStart(2, "0");

/** What the round holds for a grant, 0 for nothing. */
const heldFor = (world: World, grantId: string): number => (world.round.status === "none" ? 0 : (commitmentFor(world.round, grantId) ?? 0));

const foldRoundEvent = (world: World, event: RoundEvent): void => {
  world.roundEvents.push(event);
  world.round = evolveRound(world.round, event);
};
const foldGrantEvents = (stream: GrantStream, events: readonly GrantEvent[]): void => {
  for (const event of events) {
    stream.events.push(event);
    stream.state = evolveGrant(stream.state, event);
  }
};

const amount = (spec: AmountSpec, bases: Omit<Record<Base, number>, "absolute">): Money => {
  const base = spec.of === "absolute" ? spec.absolute : bases[spec.of];
  return unsafeMoney(Math.max(0, Math.floor((base * spec.quarters) / 4) + spec.delta));
};

const resolve = (spec: AmountSpec, world: World, grant: GrantState): Money => {
  if (world.round.status === "none" || grant.status === "none") return amount(spec, { cap: 0, requested: 0, remainingBudget: 0, remainingAward: 0 });
  const { totalCost, requested } = grant.application;
  return amount(spec, {
    cap: shareOfMoney(totalCost, world.round.policy.maxShareBps),
    requested,
    remainingBudget: world.round.budget - world.round.committed,
    remainingAward: (grant.award?.amount ?? requested) - grant.disbursed,
  });
};

/** A request relative to the cap the application itself will meet. */
const resolveRequest = (spec: AmountSpec, world: World, totalCost: Money): Money => {
  if (world.round.status === "none") return amount(spec, { cap: 0, requested: 0, remainingBudget: 0, remainingAward: 0 });
  const cap = shareOfMoney(totalCost, world.round.policy.maxShareBps);
  const maxGrant = world.round.policy.maxGrant ?? cap;
  return amount(spec, { cap, requested: Math.min(cap, maxGrant), remainingBudget: world.round.budget - world.round.committed, remainingAward: cap });
};

/** The command a step stands for, against the world as it is now. */
const commandFor = (s: Step, world: World, stream: GrantStream): GrantCommand => {
  const grantId = GRANTS[s.grant] ?? id("g0");
  switch (s.kind) {
    case "apply":
      return {
        type: "ApplyForGrant",
        data: {
          grantId,
          roundId: ROUND,
          applicant: bergenKommune,
          participants: s.wholeShares ? [bergen(6000), oslo(4000)] : [bergen(6000), oslo(3999)],
          project: { title: text("Felles løsning") },
          totalCost: unsafeMoney(s.totalCost),
          requested: resolveRequest(s.requested, world, unsafeMoney(s.totalCost)),
          appliedAt: at(s.late ? "2019-12-31T12:00:01+01:00" : "2019-12-01T09:00:00+01:00"),
        },
      };
    case "evaluate":
      return {
        type: "EvaluateApplication",
        data: {
          grantId,
          score: s.recommendAward ? 80 : 30,
          recommendation: s.recommendAward ? "award" : "reject",
          evaluator: text("Fagpanelet"),
          evaluatedAt: at("2020-01-10T12:00:00+01:00"),
          ...(s.recommended === undefined ? {} : { recommendedAmount: resolve(s.recommended, world, stream.state) }),
        },
      };
    case "award": {
      const amount = resolve(s.amount, world, stream.state);
      const part = Math.floor(amount / s.instalments);
      const plan = Array.from({ length: s.instalments }, (_, i) => ({
        due: day(`2020-${pad(i + 3)}-01`),
        amount: unsafeMoney(Math.max(0, i === 0 ? amount - part * (s.instalments - 1) + s.planOff : part)),
      }));
      return { type: "AwardGrant", data: { grantId, amount, disbursementPlan: plan, conditions: [], awardedAt: at("2020-02-01T12:00:00+01:00") } };
    }
    case "reject":
      return { type: "RejectApplication", data: { grantId, reason: s.blank ? ("  " as NonEmptyText) : text("Utenfor ordningen"), rejectedAt: at("2020-02-01T12:00:00+01:00") } };
    case "disburse":
      return {
        type: "DisburseGrant",
        data: {
          grantId,
          amount: resolve(s.amount, world, stream.state),
          paymentRef: text(`PAY-${s.grant}-${s.ref}`),
          disbursedAt: at(s.inWindow ? `2020-${pad(4 + s.ref)}-15T10:00:00+02:00` : "2021-01-04T10:00:00+01:00"),
        },
      };
    case "report": {
      const to = Math.min(12, s.month + s.months);
      return {
        type: "ReportBenefits",
        data: {
          grantId,
          period: { from: day(`2020-${pad(s.month)}-01`), to: day(`2020-${pad(to)}-28`) },
          benefits: [costSaving(100_000)],
          reportedAt: at(`2020-${pad(to)}-28T12:00:00+01:00`),
        },
      };
    }
  }
};

/** Runs one step as the command handler would; `check` sees the world after every step. */
export const run = (opening: RoundOpening, steps: readonly Step[], closeAfter: number, check: (world: World) => void): void => {
  const world: World = { round: initialRoundState, roundEvents: [], grants: GRANTS.map(() => ({ state: initialGrantState, events: [] })) };
  const opened = decideRound({ type: "OpenRound", data: opening }, world.round);
  if (E.isLeft(opened)) throw new Error(`the generated round does not open: ${opened.left._tag}`);
  opened.right.forEach((event) => foldRoundEvent(world, event));
  check(world);

  for (const [index, s] of steps.entries()) {
    if (index === closeAfter) {
      const closed = decideRound({ type: "CloseRound", data: { roundId: ROUND, closedAt: at("2020-06-30T16:00:00+02:00") } }, world.round);
      if (E.isRight(closed)) closed.right.forEach((event) => foldRoundEvent(world, event));
      check(world);
    }
    const stream = world.grants[s.grant];
    if (stream === undefined) throw new Error(`no grant ${s.grant}`);
    const command = commandFor(s, world, stream);
    const decision = decideGrant(command, stream.state, world.round);
    if (E.isRight(decision)) {
      if (command.type === "AwardGrant") {
        // The round must add what it does not hold yet: nothing when a crashed attempt of this
        // award committed it already (the decider then counted that commitment as the award's).
        const missing = command.data.amount - heldFor(world, command.data.grantId);
        if (missing > 0) {
          const commit = decideRound({ type: "CommitFunds", data: { roundId: ROUND, grantId: command.data.grantId, amount: unsafeMoney(missing) } }, world.round);
          // The grant decider checked the budget against this very round state: the round must agree.
          expect(commit).toSatisfy(E.isRight);
          if (E.isRight(commit)) commit.right.forEach((event) => foldRoundEvent(world, event));
        }
        if (!(s.kind === "award" && s.crash)) foldGrantEvents(stream, decision.right);
      } else {
        foldGrantEvents(stream, decision.right);
      }
      // What the round holds beyond the grant's need goes back (a rejection after a crashed award).
      const surplus = heldFor(world, command.data.grantId) - commitmentTarget(stream.state);
      if (command.type === "RejectApplication" && surplus > 0) {
        const release = decideRound(
          { type: "ReleaseFunds", data: { roundId: ROUND, grantId: command.data.grantId, amount: unsafeMoney(surplus), reason: text("rejected") } },
          world.round,
        );
        expect(release).toSatisfy(E.isRight);
        if (E.isRight(release)) release.right.forEach((event) => foldRoundEvent(world, event));
      }
    }
    check(world);
  }
};
