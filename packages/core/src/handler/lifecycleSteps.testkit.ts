import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { createTestStore, type TestStore } from "../audit/ruleReplay.testkit.js";
import { livePayments, openClaims, paidNet, type GrantState } from "../deciders/grantState.js";
import { remainingBudget, type RoundState } from "../deciders/roundState.js";
import type { CommandContextInput, GrantLedger, LedgerCommandInput, LedgerError } from "./grantLedger.js";
import { ledgerOver } from "./ledger.testkit.js";

/*
 * Random command sequences over the whole life of grants, run through real ledgers: two rounds
 * of one scheme, four grants (three in the first round, one in the second), three officers, and
 * every command of the ledger, with crashes between a command's two appends and retries of the
 * crashed command mixed in. Amounts are drawn relative to the state they meet (a quarter of the
 * room left, all of it, one øre more), so the boundaries come up often. Business times step an
 * hour a command, so most commands are in order; an appeal is sometimes lodged too late.
 */

type DataOf<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];

export const ROUNDS = ["r1", "r2"] as const;
export const GRANTS = ["g0", "g1", "g2", "g3"] as const;
/** The round each grant applies to. */
export const roundOf = (grant: number): string => (grant === 3 ? "r2" : "r1");
const ACTORS = ["kari@difi", "ola@difi", "per@difi"] as const;
const SCHEME = "ikt-kommuner-2009";

export type Kind =
  | "apply"
  | "evaluate"
  | "award"
  | "reject"
  | "withdraw"
  | "dismiss"
  | "appeal"
  | "uphold"
  | "dismissAppeal"
  | "conflict"
  | "accept"
  | "amend"
  | "disburse"
  | "reverse"
  | "claim"
  | "repay"
  | "close"
  | "renounce"
  | "adjust"
  | "closeRound"
  | "carry"
  | "retry";

/** One step: a command of `kind`, with the figures it resolves against the state it meets. */
export interface Step {
  readonly kind: Kind;
  /** The grant (or, for round commands, the round: even first, odd second). */
  readonly grant: number;
  /** How much of the room the state leaves: quarters of it (5: a quarter more). */
  readonly quarters: number;
  /** Give or take an øre. */
  readonly delta: number;
  /** Which payment, claim or reference. */
  readonly pick: number;
  /** Which officer gives the command. */
  readonly actor: number;
  /** The command crashes between its appends (or before its only one). */
  readonly crash: boolean;
  /** Something is off: an appeal lodged after its window, a reversal of another amount. */
  readonly off: boolean;
  /** Which of the two ledgers (processes) runs it. */
  readonly ledger: number;
}

const rarely = fc.constantFrom(false, false, false, false, false, false, false, true);

/** Quarters of the room left: any (none, part, all, a quarter more), or mostly what the rules allow. */
const ANY_QUARTERS = fc.constantFrom(0, 1, 2, 3, 4, 4, 4, 5);
const LIKELY_QUARTERS = fc.constantFrom(1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 0, 5);

const ANY_DELTA = fc.constantFrom(-1, 0, 0, 0, 1);
const LIKELY_DELTA = fc.constantFrom(-1, 0, 0, 0, 0, 0, 1);

const step = (
  kind: fc.Arbitrary<Kind>,
  grant: fc.Arbitrary<number>,
  actor: fc.Arbitrary<number> = fc.nat({ max: ACTORS.length - 1 }),
  quarters = ANY_QUARTERS,
  delta = ANY_DELTA,
): fc.Arbitrary<Step> =>
  fc.record({
    kind,
    grant,
    quarters,
    delta,
    pick: fc.nat({ max: 3 }),
    actor,
    crash: rarely,
    off: rarely,
    ledger: fc.nat({ max: 1 }),
  });

const weighted = (kinds: readonly (readonly [Kind, number])[]): fc.Arbitrary<Kind> =>
  fc.oneof(...kinds.map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) })));

/** What happens to an award once made: mostly money, sometimes anything at all. */
const AFTER_AWARD = weighted([
  ["disburse", 9],
  ["amend", 4],
  ["claim", 3],
  ["repay", 3],
  ["reverse", 3],
  ["accept", 1],
  ["close", 1],
  ["renounce", 1],
  ["retry", 3],
  ["apply", 1],
  ["evaluate", 1],
  ["award", 1],
  ["reject", 1],
  ["withdraw", 1],
  ["dismiss", 1],
  ["appeal", 1],
  ["uphold", 1],
  ["dismissAppeal", 1],
  ["conflict", 1],
]);
const ROUND_KINDS = weighted([
  ["adjust", 4],
  ["closeRound", 1],
  ["carry", 1],
  ["retry", 1],
]);

/**
 * Who usually gives a step: the first officer evaluates, the second awards, the third pays, so
 * separated duties mostly hold; now and then another, so the refusals come up too.
 */
const usually = (officer: number) => fc.constantFrom(officer, officer, officer, officer, (officer + 1) % ACTORS.length);
const OFFICER: Partial<Record<Kind, number>> = { evaluate: 0, conflict: 1, award: 1, amend: 1, reject: 1, dismiss: 1, uphold: 1, dismissAppeal: 1 };

/** An award in a grant's life is mostly one the rules allow: the boundaries are the specs' business. */
const AWARD_QUARTERS = fc.constantFrom(1, 2, 3, 4, 4, 4, 4, 4);
const AWARD_DELTA = fc.constantFrom(-1, 0, 0, 0);

const steps1 = (grant: number, ...kinds: Kind[]): fc.Arbitrary<Step[]> =>
  fc.tuple(
    ...kinds.map((kind) =>
      kind === "award"
        ? step(fc.constant(kind), fc.constant(grant), usually(OFFICER[kind] ?? 2), AWARD_QUARTERS, AWARD_DELTA)
        : step(fc.constant(kind), fc.constant(grant), usually(OFFICER[kind] ?? 2), LIKELY_QUARTERS, LIKELY_DELTA),
    ),
  );

/**
 * One grant's life in order, so that most runs reach the rules about money: applied, perhaps a
 * conflict declared, evaluated, then awarded (perhaps after a rejection or dismissal, appealed
 * and upheld), or rejected, dismissed or withdrawn for good (`decided`); then what follows an
 * award (`after`), with anything else mixed in.
 */
const life = (grant: number): fc.Arbitrary<{ readonly decided: Step[]; readonly after: Step[] }> =>
  fc
    .tuple(
      steps1(grant, "apply"),
      fc.oneof({ weight: 4, arbitrary: fc.constant([] as Step[]) }, { weight: 1, arbitrary: steps1(grant, "conflict") }),
      steps1(grant, "evaluate"),
      fc.oneof(
        { weight: 8, arbitrary: steps1(grant, "award") },
        { weight: 1, arbitrary: fc.constantFrom<Kind>("reject", "dismiss").chain((no) => steps1(grant, no, "appeal", "uphold", "evaluate", "award")) },
        { weight: 1, arbitrary: fc.constantFrom<Kind>("reject", "dismiss").chain((no) => steps1(grant, no, "appeal", "dismissAppeal", "appeal")) },
        { weight: 1, arbitrary: fc.constantFrom<Kind>("reject", "dismiss", "withdraw").chain((no) => steps1(grant, no)) },
      ),
      fc.oneof({ weight: 3, arbitrary: steps1(grant, "accept") }, { weight: 1, arbitrary: fc.constant([] as Step[]) }),
      fc.array(
        fc.oneof(
          { weight: 4, arbitrary: AFTER_AWARD.chain((kind) => step(fc.constant(kind), fc.constant(grant), usually(OFFICER[kind] ?? 2), LIKELY_QUARTERS, LIKELY_DELTA)) },
          { weight: 1, arbitrary: step(AFTER_AWARD, fc.constant(grant)) },
        ),
        { maxLength: 20 },
      ),
    )
    .map(([apply, conflict, evaluate, decision, accept, after]) => ({ decided: [...apply, ...conflict, ...evaluate, ...decision, ...accept], after }));

/** The rounds' own steps: adjustments, and mostly the first round closed and its money carried. */
const roundLife: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(step(fc.constant<Kind>("adjust"), fc.nat({ max: 3 })), { maxLength: 3 }),
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(step(fc.constant<Kind>("closeRound"), fc.constant(0)), step(fc.constant<Kind>("carry"), fc.constant(0), fc.constant(0), LIKELY_QUARTERS)) },
      { weight: 1, arbitrary: fc.constant([] as Step[]) },
    ),
    fc.array(step(ROUND_KINDS, fc.nat({ max: 3 })), { maxLength: 3 }),
  )
  .map((parts) => parts.flat());

/** Interleaves the lives: `picks` says whose next step comes next. */
const interleave = (lives: readonly Step[][], picks: readonly number[]): Step[] => {
  const queues = lives.map((one) => [...one].reverse());
  const out: Step[] = [];
  for (let i = 0; queues.some((queue) => queue.length > 0); i++) {
    const start = picks[i % Math.max(1, picks.length)] ?? 0;
    for (let k = 0; k < queues.length; k++) {
      const next = queues[(start + k) % queues.length]?.pop();
      if (next !== undefined) {
        out.push(next);
        break;
      }
    }
  }
  return out;
};

/** Puts the rounds' steps, in their order, among the grants' steps at the places `percents` say. */
const withRoundSteps = (grantSteps: readonly Step[], roundSteps: readonly Step[], percents: readonly number[]): Step[] => {
  const at = roundSteps.map((_, i) => Math.floor((grantSteps.length * (percents[i] ?? 100)) / 100)).sort((a, b) => a - b);
  const out: Step[] = [];
  let next = 0;
  for (const [index, grantStep] of grantSteps.entries()) {
    while (next < roundSteps.length && (at[next] ?? 0) <= index) out.push(roundSteps[next++] as Step);
    out.push(grantStep);
  }
  return [...out, ...roundSteps.slice(next)];
};

const steps: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.tuple(...GRANTS.map((_, grant) => life(grant))),
    fc.array(fc.nat({ max: GRANTS.length - 1 }), { minLength: 1, maxLength: 40 }),
    roundLife,
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 8, maxLength: 8 }),
  )
  // Every grant is decided first (each in order, the grants interleaved), then what follows the
  // decisions interleaves with the rounds' own steps.
  .map(([lives, picks, rounds, percents]) => [
    ...interleave(
      lives.map((one) => one.decided),
      picks,
    ),
    ...withRoundSteps(
      interleave(
        lives.map((one) => one.after),
        [...picks].reverse(),
      ),
      rounds,
      percents,
    ),
  ]);

/** The rounds' openings: budgets, and which of the policy's switches are on. */
export interface Policies {
  readonly budgets: readonly [number, number];
  readonly separationOfDuties: boolean;
  readonly requiresAcceptance: boolean;
  readonly appealWindowDays: number | undefined;
}

const policies: fc.Arbitrary<Policies> = fc.record({
  budgets: fc.tuple(fc.integer({ min: 1_000_000, max: 30_000_000 }), fc.integer({ min: 1, max: 10_000_000 })),
  separationOfDuties: fc.boolean(),
  requiresAcceptance: fc.constantFrom(false, false, true),
  appealWindowDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
});

/** A generated run: the rounds' policies, each grant's request (in thousandths of its round's budget), and the steps. */
export const lifecycleRun = fc.record({
  policies,
  requests: fc.tuple(...GRANTS.map(() => fc.integer({ min: 20, max: 600 }))),
  steps,
});
export type LifecycleRun = typeof lifecycleRun extends fc.Arbitrary<infer R> ? R : never;

const HOUR = 3_600_000;
const START = Date.parse("2009-05-01T06:00:00Z");
const instant = (ms: number): string => new Date(ms).toISOString();

/** A command as the ledger takes it, so a crashed one can be given again, same id and all. */
interface Given {
  readonly input: LedgerCommandInput;
  readonly context: CommandContextInput;
}

/** The store of a run, and what its steps left for the checks. */
export interface LifecycleWorld {
  readonly store: TestStore;
  readonly ledgers: readonly GrantLedger[];
  /** Grants a crash left holding other than they need, until something settles them. */
  readonly unsettled: Set<string>;
  /** Some carry-over crashed between its two rounds and has not been completed by a retry yet. */
  carryInFlight: boolean;
}

/** A store whose next append to one stream fails (a crash), cancelled when the command never made it. */
interface CrashSwitch {
  crashNext(streamName: string): void;
  /** Whether the switch fired since it was set; clears it either way. */
  fired(): boolean;
}

const crashable = (store: TestStore): { store: TestStore; crash: CrashSwitch } => {
  let armed: string | undefined;
  let fired = false;
  const wrapped: TestStore = {
    ...store,
    log: store.log,
    appendToStream: (streamName, events, options) => {
      if (armed !== undefined && streamName === armed) {
        armed = undefined;
        fired = true;
        return () => Promise.resolve(E.left({ _tag: "StoreUnavailable", operation: "append", reason: "crashed (property test)" }));
      }
      return store.appendToStream(streamName, events, options);
    },
  };
  return {
    store: wrapped,
    crash: {
      crashNext: (streamName) => {
        armed = streamName;
        fired = false;
      },
      fired: () => {
        const was = fired;
        armed = undefined;
        fired = false;
        return was;
      },
    },
  };
};

/** A grant's request: its share of its round's opening budget, at least 1 øre. */
const requestOf = (run: LifecycleRun, grant: number): number => {
  const budget = run.policies.budgets[roundOf(grant) === "r1" ? 0 : 1] ?? 1;
  return Math.max(1, Math.floor((budget * (run.requests[grant] ?? 100)) / 1000));
};

const amountOf = (base: number, s: Step): number => Math.max(0, Math.floor((base * s.quarters) / 4) + s.delta);

/** Opens both rounds. */
const open = async (ledger: GrantLedger, p: Policies): Promise<void> => {
  for (const [index, roundId] of ROUNDS.entries()) {
    const opened = await ledger.openRound(
      {
        roundId,
        name: `Tiltakspakken 2009, runde ${index + 1}`,
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: p.budgets[index] ?? 1,
        schemeId: SCHEME,
        policy: {
          maxShareBps: 2000,
          eligibleApplicants: ["municipality"],
          requiresBenefitsPlan: false,
          reportBeforeNextTranche: false,
          separationOfDuties: p.separationOfDuties,
          requiresAcceptance: p.requiresAcceptance,
          ...(p.appealWindowDays === undefined ? {} : { appealWindowDays: p.appealWindowDays }),
        },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      { commandId: `open-${roundId}`, actor: "direktør@difi" },
    )();
    if (E.isLeft(opened)) throw new Error(`the generated round does not open: ${opened.left._tag}`);
  }
};

const read = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`a read failed: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** The command a step stands for, against the states it meets; `undefined` when it has nothing to stand for. */
const commandFor = (s: Step, at: string, grant: GrantState, round: RoundState, request: number): LedgerCommandInput | undefined => {
  const grantId = GRANTS[s.grant] ?? "g0";
  const award = grant.status === "none" ? undefined : grant.award;
  const plan = (amount: number): DataOf<"AmendAward">["disbursementPlan"] =>
    amount > 1 && s.pick % 2 === 1
      ? [
          { due: "2009-07-01", amount: Math.floor(amount / 2) },
          { due: "2010-07-01", amount: amount - Math.floor(amount / 2) },
        ]
      : [{ due: "2010-07-01", amount }];
  switch (s.kind) {
    case "apply":
      return {
        type: "ApplyForGrant",
        data: {
          grantId,
          roundId: roundOf(s.grant),
          applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
          participants: [
            { kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 6000 },
            { kind: "municipality", municipalityNo: "1247", name: "Askøy", shareBps: 4000 },
          ],
          project: { title: `Prosjekt ${grantId}` },
          // A tenth of the project: amendments may rise to twice the request (the 20 % cap).
          totalCost: request * 10,
          requested: request,
          appliedAt: "2009-04-01T10:00:00+02:00",
        },
      };
    case "evaluate":
      return { type: "EvaluateApplication", data: { grantId, score: 70, recommendation: "award", evaluator: ACTORS[s.actor] ?? "kari@difi", evaluatedAt: at } };
    case "award": {
      const remaining = round.status === "none" ? 0 : remainingBudget(round);
      const amount = amountOf(s.pick % 2 === 0 ? request : Math.min(request, remaining), s);
      return { type: "AwardGrant", data: { grantId, amount, disbursementPlan: plan(amount), conditions: ["Sluttrapport"], awardedAt: at } };
    }
    case "reject":
      return { type: "RejectApplication", data: { grantId, reason: "Utenfor ordningen", rejectedAt: at } };
    case "withdraw":
      return { type: "WithdrawApplication", data: { grantId, reason: "Trukket", withdrawnAt: at } };
    case "dismiss":
      return { type: "DismissApplication", data: { grantId, reason: "Mangler vedlegg", dismissedAt: at } };
    case "appeal": {
      const late = s.off && grant.status !== "none" && grant.decision !== undefined ? instant(Date.parse(grant.decision.decidedAt) + 40 * 24 * HOUR) : at;
      return { type: "AppealDecision", data: { grantId, grounds: "Innenfor ordningen", appealedAt: late } };
    }
    case "uphold":
      return { type: "UpholdAppeal", data: { grantId, reason: "Klagen tas til følge", decidedAt: at } };
    case "dismissAppeal":
      return { type: "DismissAppeal", data: { grantId, reason: "Vedtaket står", decidedAt: at } };
    case "conflict":
      return { type: "DeclareConflictOfInterest", data: { grantId, evaluator: ACTORS[s.actor] ?? "kari@difi", reason: "Nær familie", declaredAt: at } };
    case "accept":
      return { type: "AcceptConditions", data: { grantId, acceptedBy: "Rådmannen", acceptedAt: at } };
    case "amend": {
      if (award === undefined || grant.status === "none") return undefined;
      const remaining = round.status === "none" ? 0 : remainingBudget(round);
      const bases = [award.amount, award.amount + remaining, 2 * request, paidNet(grant)];
      const amount = amountOf(bases[s.pick] ?? award.amount, s);
      return { type: "AmendAward", data: { grantId, amount, disbursementPlan: plan(amount), reason: "Endret prosjekt", amendedAt: at } };
    }
    case "disburse": {
      const room = award === undefined || grant.status === "none" ? request : award.amount - paidNet(grant);
      return { type: "DisburseGrant", data: { grantId, amount: amountOf(room, s), paymentRef: `P-${grantId}-${s.pick}`, disbursedAt: at } };
    }
    case "reverse": {
      const live = grant.status === "none" ? [] : livePayments(grant);
      const payment = live[s.pick % Math.max(1, live.length)];
      if (payment === undefined) return undefined;
      return { type: "ReverseDisbursement", data: { grantId, paymentRef: payment.paymentRef, amount: payment.amount + (s.off ? 1 : 0), reason: "Feil konto", reversedAt: at } };
    }
    case "claim": {
      const room = grant.status === "none" ? 0 : paidNet(grant) - openClaims(grant);
      return { type: "ClaimRepayment", data: { grantId, claimId: `K-${s.pick}`, amount: amountOf(room, s), reason: "Vilkår ikke fulgt", claimedAt: at } };
    }
    case "repay": {
      const claims = grant.status === "none" ? [] : grant.claims;
      const claim = claims[s.pick % Math.max(1, claims.length)];
      if (claim === undefined) return undefined;
      return { type: "RecordRepayment", data: { grantId, claimId: claim.claimId, amount: amountOf(claim.amount - claim.received, s), receivedAt: at } };
    }
    case "close":
      return { type: "CloseGrant", data: { grantId, finalReport: { summary: "Levert" }, closedAt: at } };
    case "renounce":
      return { type: "RenounceAward", data: { grantId, reason: "Lagt ned", renouncedAt: at } };
    case "adjust":
    case "closeRound":
    case "carry":
    case "retry":
      return undefined;
  }
};

/** The round command a step stands for. */
const roundCommandFor = (s: Step, at: string, rounds: readonly RoundState[]): LedgerCommandInput | undefined => {
  const index = s.grant % 2;
  const roundId = ROUNDS[index] ?? "r1";
  const round = rounds[index];
  if (round === undefined || round.status === "none") return undefined;
  switch (s.kind) {
    case "adjust": {
      const bases = [round.committed, round.budget, round.budget * 2, round.committed];
      return { type: "AdjustRoundBudget", data: { roundId, budget: amountOf(bases[s.pick] ?? round.budget, s), reason: "Revidert budsjett", adjustedAt: at } };
    }
    case "closeRound":
      return { type: "CloseRound", data: { roundId, closedAt: at } };
    case "carry": {
      const first = rounds[0];
      const remaining = first === undefined || first.status === "none" ? 0 : remainingBudget(first);
      return { type: "CarryOverFunds", data: { roundId: "r1", toRoundId: "r2", amount: amountOf(remaining, s), carriedAt: at } };
    }
    default:
      return undefined;
  }
};

/** Which stream a crash of this command hits: the second append where there are two. */
const crashedStream = (input: LedgerCommandInput, s: Step): string => {
  switch (input.type) {
    case "AwardGrant":
      return `grant-${input.data.grantId}`;
    case "AmendAward":
      // Raised: the grant's append follows the commitment; lowered: the release follows the grant's.
      return s.pick % 2 === 0 ? `grant-${input.data.grantId}` : `round-${roundOf(GRANTS.indexOf(input.data.grantId as (typeof GRANTS)[number]))}`;
    case "CarryOverFunds":
      return "round-r2";
    case "CloseGrant":
    case "RecordRepayment":
    case "RejectApplication":
    case "RenounceAward":
      return `round-${roundOf(GRANTS.indexOf(input.data.grantId as (typeof GRANTS)[number]))}`;
    default:
      return "none";
  }
};

/**
 * Runs the steps; `check` sees the world after every step. A crashed command is remembered and
 * given again, same command id, by a later `retry` step for the same grant (or the carry-over).
 */
export const runLifecycle = async (
  run: LifecycleRun,
  check: (world: LifecycleWorld, after: Step | undefined) => Promise<void>,
  observe: (command: LedgerCommandInput["type"], outcome: string) => void = () => undefined,
): Promise<LifecycleWorld> => {
  const { store, crash } = crashable(createTestStore());
  const ledgers = [ledgerOver(store), ledgerOver(store)];
  const world: LifecycleWorld = { store, ledgers, unsettled: new Set(), carryInFlight: false };
  const first = ledgers[0] as GrantLedger;
  await open(first, run.policies);
  await check(world, undefined);
  const crashed = new Map<string, Given>();
  // Every crashed carry-over whose arrival is still missing, by command id: a second one can
  // crash while the first is in flight, and only the latest is kept for a retry.
  const carriesInFlight = new Set<string>();

  for (const [index, s] of run.steps.entries()) {
    const ledger = ledgers[s.ledger] ?? first;
    const at = instant(START + index * HOUR);
    const grantId = GRANTS[s.grant] ?? "g0";
    let given: Given | undefined;
    if (s.kind === "retry") {
      given = crashed.get(s.pick % 2 === 0 ? grantId : "carry");
    } else {
      const rounds = await Promise.all(ROUNDS.map((roundId) => read(first.readRound(roundId))));
      const grant = await read(first.readGrant(grantId));
      const input =
        commandFor(s, at, grant, rounds[roundOf(s.grant) === "r1" ? 0 : 1] ?? { status: "none" }, requestOf(run, s.grant)) ?? roundCommandFor(s, at, rounds);
      if (input !== undefined) given = { input, context: { commandId: `step-${index}`, actor: ACTORS[s.actor] ?? "kari@difi" } };
    }
    if (given === undefined) continue;
    if (s.crash && s.kind !== "retry") crash.crashNext(crashedStream(given.input, s));
    const result: E.Either<LedgerError, unknown> = await ledger.execute(given.input, given.context)();
    observe(given.input.type, E.isLeft(result) ? result.left._tag : "accepted");
    const key = given.input.type === "CarryOverFunds" ? "carry" : "grantId" in given.input.data ? given.input.data.grantId : "none";
    if (crash.fired()) {
      crashed.set(key, given);
      if (key === "carry") carriesInFlight.add(given.context.commandId);
      else world.unsettled.add(key);
    } else if (s.kind === "retry" && E.isRight(result)) {
      crashed.delete(key);
      if (key === "carry") carriesInFlight.delete(given.context.commandId);
    }
    world.carryInFlight = carriesInFlight.size > 0;
    await check(world, s);
  }
  return world;
};
