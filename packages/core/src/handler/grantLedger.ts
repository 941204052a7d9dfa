import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import * as t from "io-ts";
import { AdjustRoundBudget, CarryOverFunds, CloseRound, GrantCommand, OpenRound } from "../deciders/commands.js";
import { decideGrant, type GrantDecisionError } from "../deciders/grantDecider.js";
import type { GrantState } from "../deciders/grantState.js";
import { decideRound } from "../deciders/roundDecider.js";
import type { RoundState } from "../deciders/roundState.js";
import { decodeRecordedEvent, describeValidationErrors } from "../events/decodeEvent.js";
import { grantStreamName, roundStreamName, type DomainEvent } from "../events/domainEvent.js";
import type { EventStore } from "../store/eventStore.js";
import type { IsoDateTime } from "../values/isoTime.js";
import { canonicalJson } from "../audit/canonicalJson.js";
import { hash } from "node:crypto";
import { awardGrant } from "./awardGrant.js";
import { CommandContext, type RecordingContext } from "./commandContext.js";
import { businessTimeInFuture, clockTime, systemClock, type LedgerClock } from "./ledgerClock.js";
import { describeInputBeyondLimits, findInputBeyondLimits, inputLimitsOf, type InputLimits } from "./inputLimits.js";
import { findUnstorableText, NonEmptyText, unstorableText } from "../values/text.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { handleOnStream } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import { createLedgerStreams, type LedgerStreams } from "./ledgerStreams.js";
import { carryOverFunds } from "./carryOverFunds.js";
import { settleCommitment } from "./settleCommitment.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retryPolicy.js";
import { StreamLocks } from "./streamLocks.js";
import { unknownField } from "./unknownField.js";
import { grantModel, roundModel, type StreamModel } from "./streamModels.js";
import { promiseMethods, type PromiseMethods } from "./promiseMethods.js";
import { createLedgerTelemetry } from "../telemetry/ledgerTelemetry.js";
import { instrumentEventStore } from "../telemetry/instrumentedStore.js";
import type { TelemetryOptions } from "../telemetry/telemetryOptions.js";
import type { PersonalDataKeys } from "../personal/personalDataKeys.js";
import { actorAsDeclaredEvaluator, findSealedInput, sealPersonalData } from "../personal/sealPersonalData.js";

/** Every command a user gives, as a codec: decode untrusted JSON with it. */
export const LedgerCommand = t.union([OpenRound, CloseRound, AdjustRoundBudget, CarryOverFunds, ...GrantCommand.types]);
export type LedgerCommand = t.TypeOf<typeof LedgerCommand>;
/** A command as plain JSON (amounts as numbers of øre, ids and dates as strings), before decoding. */
export type LedgerCommandInput = t.OutputOf<typeof LedgerCommand>;
type InputOf<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];
/** The command context as plain JSON. */
export type CommandContextInput = t.OutputOf<typeof CommandContext>;

/** Why a command was refused: a broken business rule, bad input, or the store. */
export type LedgerError = GrantDecisionError | HandlerError;

/** What {@link createGrantLedger} needs. */
export interface GrantLedgerOptions {
  /** Where the events are read and appended. */
  readonly store: EventStore;
  /** Re-decisions after losing a race to another process; see {@link RetryPolicy}. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * The cache of folded streams (state, revision, last hash, and the ids of the commands with
   * events there), so that a command reads and decodes only the events appended since the
   * stream was last folded, usually none: one read of the stream's last event to confirm it.
   * It never trusts itself over the store: events appended by other processes are read and
   * checked before deciding, appends keep their exact expected revision, and a stream deleted,
   * truncated or rewritten behind it is read whole again. A retried command is answered from a
   * full read, as without the cache. Defaults to `{ maxStreams: 10_000 }` (least recently used
   * evicted first; a stream costs its folded state and its command ids, so a round with
   * thousands of awards costs some hundred kilobytes); `false` turns it off.
   */
  readonly cache?:
    | false
    | {
        /** At most this many streams are kept; 0 keeps none. */
        readonly maxStreams: number;
      };
  /**
   * The ledger's clock; the system clock by default. No command may name a business time (a
   * top-level `…At` of its data) after it (`BusinessTimeInFuture`), and in the live mode an
   * application that arrives after its round's deadline by this clock is refused
   * (`ApplicationReceivedAfterDeadline`), whatever `appliedAt` it claims.
   */
  readonly clock?: LedgerClock;
  /**
   * Loading historical records (a migration, the 2009 round of the demo): the application
   * deadline is checked against each application's own `appliedAt` instead of the clock, and
   * every event this ledger appends carries `historical: <reason>` in its metadata (hashed like
   * the rest), so the mode is on the record, never silent. Business times still may not lie in
   * the clock's future. Leave it out for a live ledger.
   */
  readonly historical?: {
    /** Why the records are loaded as given, e.g. "Difi's 2009 case files, migrated 2026". */
    readonly reason: string;
  };
  /**
   * How long a command's texts and lists may be; each left out keeps its default
   * (`DEFAULT_INPUT_LIMITS`). A command beyond one is `InvalidCommand` naming the field and
   * the limit, before anything is read or written.
   */
  readonly limits?: Partial<InputLimits>;
  /**
   * Where the ledger's OpenTelemetry spans and metrics go (a span per command, child spans per
   * store call, the command counter and duration histogram: see the README's table); the
   * global providers by default, which record nothing unless the application installs an SDK.
   */
  readonly telemetry?: TelemetryOptions;
  /**
   * Personal data that can be forgotten: with a key store, each personal field of a command
   * (see `PERSONAL_FIELDS`) is sealed under its data subject's key before the decider sees it,
   * so events store, hash and compare the sealed value; forgetting the subject's key erases it
   * without touching an event. Leave it out to store those fields as plain text.
   */
  readonly personalData?: {
    /** Where the subjects' keys live (`createMemoryPersonalDataKeys`, or a PostgreSQL one). */
    readonly keys: PersonalDataKeys;
  };
}

/** How many folded streams a ledger keeps unless told otherwise (see {@link GrantLedgerOptions.cache}). */
export const DEFAULT_CACHED_STREAMS = 10_000;

/**
 * The application service: one method per command, each validating its input, loading the
 * streams it needs, deciding with the pure deciders, and appending with optimistic concurrency.
 * Every method returns a `TaskEither` and never throws for a refused command; `run` has each of
 * them returning a `Promise<Either<…>>` instead.
 */
export interface GrantLedger {
  /** Opens a funding round (`RoundOpened`); a round opens once. */
  openRound(data: InputOf<"OpenRound">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Closes a round (`RoundClosed`) to applications and new commitments. */
  closeRound(data: InputOf<"CloseRound">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Applies for a grant in an open round (`GrantApplied`), checked against the round's policy. */
  applyForGrant(data: InputOf<"ApplyForGrant">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Records the evaluation of an application (`ApplicationEvaluated`). */
  evaluateApplication(data: InputOf<"EvaluateApplication">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /**
   * Awards an evaluated grant: commits the money in its round (`FundsCommitted`), then records
   * the award (`GrantAwarded`); the outcome lists the events of both streams. The same command
   * retried after a crash between the two appends completes the award; if the grant was
   * rejected in the meantime, its commitment is released and the award refused.
   */
  awardGrant(data: InputOf<"AwardGrant">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Rejects an undecided application (`GrantRejected`) and releases any commitment it held (`FundsReleased`). */
  rejectApplication(data: InputOf<"RejectApplication">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Records a payment of an awarded grant (`GrantDisbursed`); payments never exceed the award. */
  disburseGrant(data: InputOf<"DisburseGrant">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Records a benefits report for a period (`BenefitsReported`). */
  reportBenefits(data: InputOf<"ReportBenefits">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Changes a round's budget (`RoundBudgetAdjusted`), never below what it has committed. */
  adjustRoundBudget(data: InputOf<"AdjustRoundBudget">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Carries money left in a closed round to another round of its scheme (`FundsCarriedOver`, then `FundsCarriedIn` there). */
  carryOverFunds(data: InputOf<"CarryOverFunds">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Records the recipient's acceptance of the award's conditions (`ConditionsAccepted`). */
  acceptConditions(data: InputOf<"AcceptConditions">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /**
   * Amends an award's amount or plan (`AwardAmended`): an increase is committed in the round first
   * (`FundsCommitted`, checked against its budget like an award), a decrease released after (`FundsReleased`).
   */
  amendAward(data: InputOf<"AmendAward">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Reverses a payment recorded in error (`DisbursementReversed`); its reference can then be paid again. */
  reverseDisbursement(data: InputOf<"ReverseDisbursement">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Claims money paid back (`RepaymentClaimed`). */
  claimRepayment(data: InputOf<"ClaimRepayment">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Records a repayment against a claim (`RepaymentReceived`); on a closed grant the money repaid returns to the round (`FundsReleased`). */
  recordRepayment(data: InputOf<"RecordRepayment">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Closes an awarded grant with its final report (`GrantClosed`); what was awarded and not paid net returns to the round (`FundsReleased`). */
  closeGrant(data: InputOf<"CloseGrant">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** The applicant withdraws an undecided application (`ApplicationWithdrawn`). */
  withdrawApplication(data: InputOf<"WithdrawApplication">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** The recipient renounces an award nothing of which is paid net (`AwardRenounced`); its commitment is released (`FundsReleased`). */
  renounceAward(data: InputOf<"RenounceAward">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Dismisses an application that cannot be considered, with its reason (`ApplicationDismissed`, avvisning). */
  dismissApplication(data: InputOf<"DismissApplication">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Appeals a rejection or dismissal within the round's appeal window (`DecisionAppealed`). */
  appealDecision(data: InputOf<"AppealDecision">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Upholds a pending appeal (`AppealUpheld`): the application is then evaluated and decided anew. */
  upholdAppeal(data: InputOf<"UpholdAppeal">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Dismisses a pending appeal (`AppealDismissed`): the decision stands, finally. */
  dismissAppeal(data: InputOf<"DismissAppeal">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Records an evaluator's conflict of interest with an application (`ConflictOfInterestDeclared`): they may not evaluate it. */
  declareConflictOfInterest(data: InputOf<"DeclareConflictOfInterest">, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** Any command, given as `{ type, data }` (for instance decoded from a request body). */
  execute(command: LedgerCommandInput, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** A round's current state, folded from its stream. */
  readRound(roundId: string): TaskEither<HandlerError, RoundState>;
  /** A grant's current state, folded from its stream. */
  readGrant(grantId: string): TaskEither<HandlerError, GrantState>;
  /**
   * Every method above, run at once: `await ledger.run.awardGrant(data, context)` is
   * `await ledger.awardGrant(data, context)()`, a `Promise<Either<LedgerError, CommandOutcome>>`.
   * For code that does not compose tasks: a forgotten `await` is a floating promise (lint reports
   * it) and no `Either`, where a forgotten `()` compiles and silently does nothing.
   */
  readonly run: PromiseMethods<Omit<GrantLedger, "run">>;
}

/**
 * The round a grant applied to, from its first event only: enough to know which locks an award
 * takes, without folding the grant twice (the award itself loads and checks the stream).
 */
const roundOfGrant = async (streams: LedgerStreams, grantId: string): Promise<string | undefined> => {
  // A grant's round is fixed by its first event, so a cached state is as good as a read.
  const cached = streams.peek(grantStreamName(grantId), grantModel);
  if (cached !== undefined) return cached.status === "none" ? undefined : cached.roundId;
  const first = await streams.store.readStream(grantStreamName(grantId), { maxCount: 1 })();
  const recorded = E.isRight(first) ? first.right[0] : undefined;
  if (recorded === undefined) return undefined;
  const decoded = decodeRecordedEvent(recorded);
  return E.isRight(decoded) && decoded.right.event.type === "GrantApplied" ? decoded.right.event.data.roundId : undefined;
};

/**
 * Each command's own codec, by type. A command's `type` names the one member of the union that
 * can accept it, so it is decoded once by that member instead of by the union (which tries the
 * members in turn), and the unknown-field walk starts there too.
 */
const COMMAND_CODECS: ReadonlyMap<string, t.Mixed> = new Map(LedgerCommand.types.map((codec) => [codec.props.type.value, codec]));

/**
 * A command decoded by its own codec; one that fails is decoded again by the whole union, so a
 * refusal names exactly the path and reason it always did.
 */
const decodeCommand = (input: LedgerCommandInput): t.Validation<LedgerCommand> => {
  const member = COMMAND_CODECS.get(input.type);
  const decoded = member === undefined ? undefined : (member.decode(input) as t.Validation<LedgerCommand>);
  return decoded !== undefined && E.isRight(decoded) ? decoded : LedgerCommand.decode(input);
};

const invalid = (command: string, errors: t.Errors): E.Either<LedgerError, never> => {
  const { path, reason } = describeValidationErrors(errors);
  return E.left({ _tag: "InvalidCommand", command, path, reason });
};

/** The grant commands that read the round's state: its deadline, policy, window or appeal window. */
const ROUND_READERS: ReadonlySet<string> = new Set<GrantCommand["type"]>(["ApplyForGrant", "DisburseGrant", "AppealDecision", "AwardGrant"]);

/** Why, and as of when, the round gives money back after each command that can end a grant's need for it. */
const SETTLEMENTS: {
  readonly [K in "RejectApplication" | "WithdrawApplication" | "DismissApplication" | "RenounceAward" | "CloseGrant" | "RecordRepayment"]: (
    data: Extract<GrantCommand, { type: K }>["data"],
  ) => readonly [string, IsoDateTime];
} = {
  RejectApplication: (data) => ["was rejected", data.rejectedAt],
  WithdrawApplication: (data) => ["was withdrawn", data.withdrawnAt],
  DismissApplication: (data) => ["was dismissed", data.dismissedAt],
  RenounceAward: (data) => ["had its award renounced", data.renouncedAt],
  CloseGrant: (data) => ["was closed with money unpaid", data.closedAt],
  RecordRepayment: (data) => ["repaid money after closing", data.receivedAt],
};

/**
 * The context events are recorded under: only the fields a caller may set, copied one by one (a
 * caller's extra keys never reach the metadata), and the ledger's historical mode.
 */
const recordingContext = (context: CommandContext, historical: string | undefined, command: RecordingContext["command"]): RecordingContext => ({
  commandId: context.commandId,
  actor: context.actor,
  ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
  ...(context.causationId === undefined ? {} : { causationId: context.causationId }),
  ...(historical === undefined ? {} : { historical }),
  command,
});

/** What a command id stands for: the command's type and the digest of its decoded `{ type, data }`. */
const commandRecord = (command: LedgerCommand): NonNullable<RecordingContext["command"]> => ({
  type: command.type,
  digest: hash("sha256", canonicalJson({ type: command.type, data: command.data }) ?? "", "hex"),
});

/** Creates a ledger over a store. Use one per process: it queues commands to the same stream. */
export const createGrantLedger = (options: GrantLedgerOptions): GrantLedger => {
  const telemetry = createLedgerTelemetry(options.telemetry, (type) => COMMAND_CODECS.has(type));
  // Every adapter's appends and reads, as child spans of the command that makes them.
  const store = instrumentEventStore(options.store, telemetry.tracer);
  const streams = createLedgerStreams(store, options.cache === false ? 0 : (options.cache?.maxStreams ?? DEFAULT_CACHED_STREAMS));
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const locks = new StreamLocks();

  const clock = options.clock ?? systemClock;
  const historical = options.historical?.reason;
  const limits = inputLimitsOf(options.limits);
  if (historical !== undefined && (!NonEmptyText.is(historical) || unstorableText(historical) !== undefined)) {
    throw new RangeError("historical.reason must be text every store keeps: not blank, no U+0000, no lone surrogate");
  }

  const personalKeys = options.personalData?.keys;
  const onGrant = (command: GrantCommand, context: RecordingContext, receivedAt?: IsoDateTime, actorDeclaredAs?: string) => {
    const streamName = grantStreamName(command.data.grantId);
    return locks.withLocks([streamName], () =>
      handleOnStream({
        streams,
        streamName,
        model: grantModel,
        context,
        retry,
        decide: async (state) => {
          // Only these read the round (deadline, policy, window); the rest would pay for reading
          // a whole round stream for nothing.
          const needsRound = ROUND_READERS.has(command.type);
          const roundId = command.type === "ApplyForGrant" ? command.data.roundId : state.status === "none" ? undefined : state.roundId;
          if (!needsRound || roundId === undefined) return decideGrant(command, state, { status: "none" }, context.actor, receivedAt, actorDeclaredAs);
          // Read only: this command's events are never in the round ("" matches no command).
          const round = await streams.load(roundStreamName(roundId), roundModel, "");
          return E.isLeft(round) ? round : decideGrant(command, state, round.right.state, context.actor, receivedAt);
        },
      }),
    );
  };

  /** The outcome with the release that follows it, if the round now holds more than the grant needs. */
  const withSettlement = async (
    decided: CommandOutcome,
    grantId: string,
    why: string,
    at: IsoDateTime,
    context: RecordingContext,
  ): Promise<E.Either<LedgerError, CommandOutcome>> => {
    const released = await settleCommitment(streams, grantId, why, at, context, retry, locks);
    if (E.isLeft(released)) return released;
    // A retried amendment already answers with its round events; list each event once.
    const listed = new Set(decided.events.map((event) => event.id));
    return E.right({ ...decided, events: [...decided.events, ...released.right.filter((event) => !listed.has(event.id))] });
  };

  const runCommand = async (input: LedgerCommandInput, contextInput: CommandContextInput): Promise<E.Either<LedgerError, CommandOutcome>> => {
    const context = CommandContext.decode(contextInput);
    if (E.isLeft(context)) return invalid("context", context.left);
    const decoded = decodeCommand(input);
    if (E.isLeft(decoded)) return invalid(input.type, decoded.left);
    const extra = unknownField(COMMAND_CODECS.get(input.type) ?? LedgerCommand, input);
    if (extra !== undefined) return E.left({ _tag: "InvalidCommand", command: input.type, path: extra, reason: "not a field of this command" });
    const plain = decoded.right;
    const sealedInput = findSealedInput(plain);
    if (sealedInput !== undefined) return E.left({ _tag: "InvalidCommand", command: input.type, path: sealedInput, reason: "is in the sealed form of personal data; give the text" });
    // Once, before the command is digested and its events hashed: text no store keeps alike is bad
    // input. Events take their text from the command's data, its context (as metadata) and events
    // already stored, so nothing later needs the walk again.
    // The context as recorded (only the fields metadata takes: a caller's extra keys are not).
    const recorded = recordingContext(context.right, undefined, undefined);
    const unstorable = findUnstorableText(plain.data, "data") ?? findUnstorableText(recorded, "metadata");
    if (unstorable !== undefined) return E.left({ _tag: "InvalidCommand", command: input.type, path: unstorable.path, reason: unstorable.reason });
    const tooLong = findInputBeyondLimits(plain.data, recorded, limits);
    if (tooLong !== undefined) return E.left({ _tag: "InvalidCommand", command: input.type, path: tooLong.path, reason: describeInputBeyondLimits(tooLong) });
    const now = clockTime(clock);
    const future = businessTimeInFuture(plain, now);
    if (future !== undefined) return E.left(future);
    // Sealed after the checks (which read the text) and before the digest and the decider.
    const sealed = personalKeys === undefined ? E.right(plain) : await sealPersonalData(plain, personalKeys)();
    if (E.isLeft(sealed)) return sealed;
    const command = sealed.right;
    const recording = recordingContext(context.right, historical, commandRecord(command));
    switch (command.type) {
      case "OpenRound":
      case "CloseRound":
      case "AdjustRoundBudget": {
        const streamName = roundStreamName(command.data.roundId);
        return locks.withLocks([streamName], () =>
          handleOnStream({
            streams,
            streamName,
            model: roundModel,
            context: recording,
            retry,
            decide: async (state) => decideRound(command, state),
          }),
        );
      }
      case "CarryOverFunds": {
        const names = [roundStreamName(command.data.roundId), roundStreamName(command.data.toRoundId)];
        return locks.withLocks(names, () => carryOverFunds(streams, command, recording, retry));
      }
      case "AwardGrant":
      case "AmendAward": {
        const roundId = await roundOfGrant(streams, command.data.grantId);
        const names = [grantStreamName(command.data.grantId), ...(roundId === undefined ? [] : [roundStreamName(roundId)])];
        const decided = await locks.withLocks(names, () => awardGrant(streams, command, recording, retry));
        if (E.isLeft(decided) || command.type === "AwardGrant") return decided;
        return withSettlement(decided.right, command.data.grantId, "had its award amended", command.data.amendedAt, recording);
      }
      case "RejectApplication":
      case "WithdrawApplication":
      case "DismissApplication":
      case "RenounceAward":
      case "CloseGrant":
      case "RecordRepayment": {
        const decided = await onGrant(command, recording);
        if (E.isLeft(decided)) return decided;
        const [why, at] = SETTLEMENTS[command.type](command.data as never);
        return withSettlement(decided.right, command.data.grantId, why, at, recording);
      }
      case "ApplyForGrant":
        return onGrant(command, recording, historical === undefined ? now : undefined);
      case "EvaluateApplication": {
        // A conflict declared under sealing names the actor sealed: compare it so.
        const declaredAs = personalKeys === undefined ? E.right(undefined) : await actorAsDeclaredEvaluator(context.right.actor, personalKeys)();
        if (E.isLeft(declaredAs)) return declaredAs;
        return onGrant(command, recording, undefined, declaredAs.right);
      }
      default:
        return onGrant(command, recording);
    }
  };

  // Every command, whichever method it came by, under one span and in the command metrics.
  const run = telemetry.traceCommand(runCommand);

  // No command id matches the empty string, so nothing is collected as "from this command".
  const readState =
    <S, Ev extends DomainEvent>(streamName: string, model: StreamModel<S, Ev>): TaskEither<HandlerError, S> =>
    () =>
      streams.load(streamName, model, "").then(E.map((loaded) => loaded.state));

  const method =
    <T extends LedgerCommandInput["type"]>(type: T) =>
    (data: InputOf<T>, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome> =>
    () =>
      run({ type, data } as LedgerCommandInput, context);

  const ledger: Omit<GrantLedger, "run"> = {
    openRound: method("OpenRound"),
    closeRound: method("CloseRound"),
    applyForGrant: method("ApplyForGrant"),
    evaluateApplication: method("EvaluateApplication"),
    awardGrant: method("AwardGrant"),
    rejectApplication: method("RejectApplication"),
    disburseGrant: method("DisburseGrant"),
    reportBenefits: method("ReportBenefits"),
    adjustRoundBudget: method("AdjustRoundBudget"),
    carryOverFunds: method("CarryOverFunds"),
    acceptConditions: method("AcceptConditions"),
    amendAward: method("AmendAward"),
    reverseDisbursement: method("ReverseDisbursement"),
    claimRepayment: method("ClaimRepayment"),
    recordRepayment: method("RecordRepayment"),
    closeGrant: method("CloseGrant"),
    withdrawApplication: method("WithdrawApplication"),
    renounceAward: method("RenounceAward"),
    dismissApplication: method("DismissApplication"),
    appealDecision: method("AppealDecision"),
    upholdAppeal: method("UpholdAppeal"),
    dismissAppeal: method("DismissAppeal"),
    declareConflictOfInterest: method("DeclareConflictOfInterest"),
    execute: (command, context) => () => run(command, context),
    readRound: (roundId) => readState(roundStreamName(roundId), roundModel),
    readGrant: (grantId) => readState(grantStreamName(grantId), grantModel),
  };
  return { ...ledger, run: promiseMethods(ledger) };
};
