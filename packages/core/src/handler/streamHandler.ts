import { hash } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type * as t from "io-ts";
import { canonicalJson } from "../audit/canonicalJson.js";
import { SEAL_STREAM } from "../audit/streamHeads.js";
import { grantStreamName, roundStreamName } from "../events/domainEvent.js";
import { codecOf, type EventCodecs, type EventOf } from "../events/eventDefinitions.js";
import type { IsoDateTime } from "../values/isoTime.js";
import { findUnstorableText, NonEmptyText, unstorableText } from "../values/text.js";
import { CommandContext, type RecordingContext } from "./commandContext.js";
import type { AppendedEvent, CommandOutcome } from "./commandOutcome.js";
import type { CommandContextInput, GrantLedgerOptions } from "./grantLedger.js";
import { describeValidationErrors } from "../events/decodeEvent.js";
import type { HandlerError } from "./handlerErrors.js";
import { describeInputBeyondLimits, findInputBeyondLimits, inputLimitsOf } from "./inputLimits.js";
import { businessTimeInFuture, clockTime, systemClock } from "./ledgerClock.js";
import { loadStream } from "./loadStream.js";
import { appendOwnDecided, loadOwnStream } from "./ownStreams.js";
import { DEFAULT_RETRY_POLICY, backOff, type RetryPolicy } from "./retryPolicy.js";
import { otherCommandWithThisId } from "./sameCommand.js";
import { StreamLocks } from "./streamLocks.js";
import { grantModel, roundModel } from "./streamModels.js";
import type { CommandCodecs, CommandInputOf, CommandOf, StreamReads, StreamType } from "./streamType.js";
import { unknownField } from "./unknownField.js";
import { createLedgerTelemetry } from "../telemetry/ledgerTelemetry.js";
import { instrumentEventStore } from "../telemetry/instrumentedStore.js";

/** What {@link createStreamHandler} needs: the store, and the ledger's options that apply to every command. */
export type StreamHandlerOptions = Pick<GrantLedgerOptions, "store" | "retry" | "clock" | "historical" | "limits" | "telemetry">;

/** Handles the commands of one stream type of one's own; see {@link createStreamHandler}. */
export interface StreamHandler<Events extends EventCodecs, Commands extends CommandCodecs, S, Err> {
  /** The stream type it handles. */
  readonly type: StreamType<Events, Commands, S, Err>;
  /** Handles a command given as `{ type, data }` (plain JSON, for instance a request body). Never throws for a refused command. */
  execute(command: CommandInputOf<Commands>, context: CommandContextInput): TaskEither<Err | HandlerError, CommandOutcome<EventOf<Events>>>;
  /** The state of stream `id`, folded with every check of a command's load. */
  read(id: string): TaskEither<HandlerError, S>;
}

/** The stream names grantledger keeps for itself: a stream type of one's own may not write there. */
const isCatalogueStream = (streamName: string): boolean =>
  streamName === SEAL_STREAM || streamName.startsWith(grantStreamName("")) || streamName.startsWith(roundStreamName(""));

const stateOf = <S>(loaded: E.Either<HandlerError, { readonly state: S }>): E.Either<HandlerError, S> => (E.isLeft(loaded) ? loaded : E.right(loaded.right.state));

const invalid = (command: string, path: string, reason: string): E.Either<HandlerError, never> => E.left({ _tag: "InvalidCommand", command, path, reason });

/**
 * The command handler for a stream type of one's own ({@link defineStreamType}): each command is
 * decoded by its codec (unknown fields refused), bounded by the ledger's input limits and text
 * rules, refused if it names a business time (a top-level `…At`) after the clock, then decided on
 * its stream's state and appended at exactly the revision read, re-decided on a concurrent
 * writer's win up to the retry policy's attempts (`ConcurrencyRetriesExhausted`). Its events get
 * ids derived from the command id (UUID v5), the metadata of the catalogue's (command, actor,
 * `commandType`/`commandDigest`, `historical`) and the stream's hash chain; a retried command is
 * answered from its recorded events (`alreadyHandled: true`), a command id reused with another
 * command is `CommandIdReused`. Like the ledger, one per process and stream type: it queues
 * commands to the same stream.
 */
export const createStreamHandler = <Events extends EventCodecs, Commands extends CommandCodecs, S, Err>(
  type: StreamType<Events, Commands, S, Err>,
  options: StreamHandlerOptions,
): StreamHandler<Events, Commands, S, Err> => {
  // Traced as the ledger's own commands are: a span per command, its store calls as children.
  const telemetry = createLedgerTelemetry(options.telemetry, (commandType) => codecOf(type.commands, commandType) !== undefined);
  const store = instrumentEventStore(options.store, telemetry.tracer);
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const clock = options.clock ?? systemClock;
  const limits = inputLimitsOf(options.limits);
  const historical = options.historical?.reason;
  if (historical !== undefined && (!NonEmptyText.is(historical) || unstorableText(historical) !== undefined)) {
    throw new RangeError("historical.reason must be text every store keeps: not blank, no U+0000, no lone surrogate");
  }
  const locks = new StreamLocks();

  // "" matches no command id: a read collects nothing as a command's own.
  const readsFor = (actor: string, now: IsoDateTime): StreamReads => ({
    actor,
    now,
    grant: async (grantId) => stateOf(await loadStream(store, grantStreamName(grantId), grantModel, "")),
    round: async (roundId) => stateOf(await loadStream(store, roundStreamName(roundId), roundModel, "")),
    stream: async (other, id) => {
      const streamName = other.streamName(id);
      if (isCatalogueStream(streamName)) return invalid(other.name, "id", `stream "${streamName}" is one of grantledger's own`);
      return stateOf(await loadOwnStream(store, streamName, other, ""));
    },
  });

  // The handler's loop, as the catalogue's handleOnStream: load, answer a retry, decide, append at the revision read.
  const onStream = async (streamName: string, command: CommandOf<Commands>, context: RecordingContext, reads: StreamReads): Promise<E.Either<Err | HandlerError, CommandOutcome<EventOf<Events>>>> => {
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      if (attempt > 1) await backOff(retry, attempt);
      const loaded = await loadOwnStream(store, streamName, type, context.commandId);
      if (E.isLeft(loaded)) return loaded;
      if (loaded.right.fromThisCommand.length > 0) {
        const reused = otherCommandWithThisId(loaded.right, context);
        if (reused !== undefined) return E.left(reused);
        const events = loaded.right.fromThisCommand.map(({ recorded, event, metadata }): AppendedEvent<EventOf<Events>> => ({ streamName, revision: recorded.revision, id: recorded.id, event, metadata }));
        return E.right({ alreadyHandled: true, events });
      }
      const decision = await type.decide(command, loaded.right.state, reads);
      if (E.isLeft(decision)) return decision;
      if (decision.right.length === 0) return E.right({ alreadyHandled: false, events: [] });
      const appended = await appendOwnDecided(store, loaded.right, type.events, decision.right, context);
      if (E.isRight(appended)) return E.right({ alreadyHandled: false, events: appended.right });
      if (appended.left._tag !== "WrongExpectedVersion") return appended;
    }
    return E.left({ _tag: "ConcurrencyRetriesExhausted", streamName, attempts: retry.maxAttempts });
  };

  const run = async (input: CommandInputOf<Commands>, contextInput: CommandContextInput): Promise<E.Either<Err | HandlerError, CommandOutcome<EventOf<Events>>>> => {
    const context = CommandContext.decode(contextInput);
    if (E.isLeft(context)) {
      const { path, reason } = describeValidationErrors(context.left);
      return invalid("context", path, reason);
    }
    const commandType = String(input.type);
    const codec: t.Mixed | undefined = codecOf(type.commands, commandType);
    if (codec === undefined) return invalid(commandType, "type", `"${commandType}" is no command of stream type "${type.name}"`);
    const decoded = codec.decode(input.data);
    if (E.isLeft(decoded)) {
      const { path, reason } = describeValidationErrors(decoded.left);
      return invalid(commandType, path === "" ? "data" : `data.${path}`, reason);
    }
    const extra = unknownField(codec, input.data);
    if (extra !== undefined) return invalid(commandType, `data.${extra}`, "not a field of this command");
    // The command as JSON, as it is digested, bounded and checked (the data given, for a codec that only checks).
    const data: unknown = codec.encode(decoded.right);
    const recorded: RecordingContext = {
      commandId: context.right.commandId,
      actor: context.right.actor,
      ...(context.right.correlationId === undefined ? {} : { correlationId: context.right.correlationId }),
      ...(context.right.causationId === undefined ? {} : { causationId: context.right.causationId }),
    };
    const unstorable = findUnstorableText(data, "data") ?? findUnstorableText(recorded, "metadata");
    if (unstorable !== undefined) return invalid(commandType, unstorable.path, unstorable.reason);
    const tooLong = findInputBeyondLimits(data, recorded, limits);
    if (tooLong !== undefined) return invalid(commandType, tooLong.path, describeInputBeyondLimits(tooLong));
    const now = clockTime(clock);
    const future = typeof data === "object" && data !== null ? businessTimeInFuture({ type: commandType, data }, now) : undefined;
    if (future !== undefined) return E.left(future);
    const command = { type: commandType, data: decoded.right } as CommandOf<Commands>;
    const id = type.streamId(command);
    const streamName = type.streamName(id);
    if (isCatalogueStream(streamName)) return invalid(commandType, "data", `stream "${streamName}" is one of grantledger's own; stream type "${type.name}" may not write there`);
    const digest = hash("sha256", canonicalJson({ type: commandType, data }) ?? "", "hex");
    const recording: RecordingContext = { ...recorded, ...(historical === undefined ? {} : { historical }), command: { type: commandType, digest } };
    return locks.withLocks([streamName], () => onStream(streamName, command, recording, readsFor(recording.actor, now)));
  };

  const traced = telemetry.traceCommand(run);

  return {
    type,
    execute: (command, context) => () => traced(command, context),
    read: (id) => async () => {
      const streamName = type.streamName(id);
      if (isCatalogueStream(streamName)) return invalid(type.name, "id", `stream "${streamName}" is one of grantledger's own`);
      return stateOf(await loadOwnStream(store, streamName, type, ""));
    },
  };
};
