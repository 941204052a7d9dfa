import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import * as t from "io-ts";
import { CloseRound, GrantCommand, OpenRound } from "../deciders/commands.js";
import { decideGrant, type GrantDecisionError } from "../deciders/grantDecider.js";
import type { GrantState } from "../deciders/grantState.js";
import { decideRound } from "../deciders/roundDecider.js";
import type { RoundState } from "../deciders/roundState.js";
import { decodeRecordedEvent, describeValidationErrors } from "../events/decodeEvent.js";
import { grantStreamName, roundStreamName, type DomainEvent } from "../events/domainEvent.js";
import type { EventStore } from "../store/eventStore.js";
import { awardGrant } from "./awardGrant.js";
import { CommandContext } from "./commandContext.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { handleOnStream } from "./handleCommand.js";
import type { HandlerError } from "./handlerErrors.js";
import { createLedgerStreams, type LedgerStreams } from "./ledgerStreams.js";
import { releaseDanglingCommitment } from "./releaseDanglingCommitment.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retryPolicy.js";
import { StreamLocks } from "./streamLocks.js";
import { unknownField } from "./unknownField.js";
import { grantModel, roundModel, type StreamModel } from "./streamModels.js";

/** Every command a user gives, as a codec: decode untrusted JSON with it. */
export const LedgerCommand = t.union([OpenRound, CloseRound, ...GrantCommand.types]);
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
}

/** How many folded streams a ledger keeps unless told otherwise (see {@link GrantLedgerOptions.cache}). */
export const DEFAULT_CACHED_STREAMS = 10_000;

/**
 * The application service: one method per command, each validating its input, loading the
 * streams it needs, deciding with the pure deciders, and appending with optimistic concurrency.
 * Every method returns a `TaskEither` and never throws for a refused command.
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
  /** Any command, given as `{ type, data }` (for instance decoded from a request body). */
  execute(command: LedgerCommandInput, context: CommandContextInput): TaskEither<LedgerError, CommandOutcome>;
  /** A round's current state, folded from its stream. */
  readRound(roundId: string): TaskEither<HandlerError, RoundState>;
  /** A grant's current state, folded from its stream. */
  readGrant(grantId: string): TaskEither<HandlerError, GrantState>;
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

/** Creates a ledger over a store. Use one per process: it queues commands to the same stream. */
export const createGrantLedger = (options: GrantLedgerOptions): GrantLedger => {
  const { store } = options;
  const streams = createLedgerStreams(store, options.cache === false ? 0 : (options.cache?.maxStreams ?? DEFAULT_CACHED_STREAMS));
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const locks = new StreamLocks();

  const onGrant = (command: GrantCommand, context: CommandContext) => {
    const streamName = grantStreamName(command.data.grantId);
    return locks.withLocks([streamName], () =>
      handleOnStream({
        streams,
        streamName,
        model: grantModel,
        context,
        retry,
        decide: async (state) => {
          // Only applying and disbursing read the round (deadline, policy, window); the rest
          // would pay for reading a whole round stream for nothing.
          const needsRound = command.type === "ApplyForGrant" || command.type === "DisburseGrant";
          const roundId = command.type === "ApplyForGrant" ? command.data.roundId : state.status === "none" ? undefined : state.roundId;
          if (!needsRound || roundId === undefined) return decideGrant(command, state, { status: "none" });
          // Read only: this command's events are never in the round ("" matches no command).
          const round = await streams.load(roundStreamName(roundId), roundModel, "");
          return E.isLeft(round) ? round : decideGrant(command, state, round.right.state);
        },
      }),
    );
  };

  const run = async (input: LedgerCommandInput, contextInput: CommandContextInput): Promise<E.Either<LedgerError, CommandOutcome>> => {
    const context = CommandContext.decode(contextInput);
    if (E.isLeft(context)) return invalid("context", context.left);
    const decoded = decodeCommand(input);
    if (E.isLeft(decoded)) return invalid(input.type, decoded.left);
    const extra = unknownField(COMMAND_CODECS.get(input.type) ?? LedgerCommand, input);
    if (extra !== undefined) return E.left({ _tag: "InvalidCommand", command: input.type, path: extra, reason: "not a field of this command" });
    const command = decoded.right;
    switch (command.type) {
      case "OpenRound":
      case "CloseRound": {
        const streamName = roundStreamName(command.data.roundId);
        return locks.withLocks([streamName], () =>
          handleOnStream({
            streams,
            streamName,
            model: roundModel,
            context: context.right,
            retry,
            decide: async (state) => decideRound(command, state),
          }),
        );
      }
      case "AwardGrant": {
        const roundId = await roundOfGrant(streams, command.data.grantId);
        const names = [grantStreamName(command.data.grantId), ...(roundId === undefined ? [] : [roundStreamName(roundId)])];
        return locks.withLocks(names, () => awardGrant(streams, command, context.right, retry));
      }
      case "RejectApplication": {
        const rejected = await onGrant(command, context.right);
        if (E.isLeft(rejected)) return rejected;
        const released = await releaseDanglingCommitment(streams, command.data.grantId, context.right, retry, locks);
        return E.isLeft(released) ? released : E.right({ ...rejected.right, events: [...rejected.right.events, ...released.right] });
      }
      default:
        return onGrant(command, context.right);
    }
  };

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

  return {
    openRound: method("OpenRound"),
    closeRound: method("CloseRound"),
    applyForGrant: method("ApplyForGrant"),
    evaluateApplication: method("EvaluateApplication"),
    awardGrant: method("AwardGrant"),
    rejectApplication: method("RejectApplication"),
    disburseGrant: method("DisburseGrant"),
    reportBenefits: method("ReportBenefits"),
    execute: (command, context) => () => run(command, context),
    readRound: (roundId) => readState(roundStreamName(roundId), roundModel),
    readGrant: (grantId) => readState(grantStreamName(grantId), grantModel),
  };
};
