import { SpanStatusCode, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { EventStore } from "../store/eventStore.js";
import { formatRevision } from "../store/expectedRevision.js";
import { currentCommandScope, type CommandScope } from "./commandScope.js";
import { LEDGER_ATTRIBUTES, LEDGER_TELEMETRY } from "./telemetryNames.js";

/**
 * A store call as a child span of the command making it. Outside a traced command (no SDK, a
 * sampled-out command, a plain read of a round) it is the call itself, with nothing added.
 * A read of a stream with no events yet is an answer, not a failure: it keeps an unset status.
 */
const traced =
  <L extends { readonly _tag: string }, A>(
    tracer: Tracer,
    name: string,
    streamName: string | undefined,
    attributes: () => Attributes,
    task: TaskEither<L, A>,
    onDone: (span: Span, value: A) => void,
  ): TaskEither<L, A> =>
  () => {
    const scope = currentCommandScope();
    // The call itself, not wrapped in another promise: nothing added where nothing is traced.
    return scope === undefined ? task() : recorded(tracer, name, streamName, attributes, task, onDone, scope);
  };

const recorded = async <L extends { readonly _tag: string }, A>(
  tracer: Tracer,
  name: string,
  streamName: string | undefined,
  attributes: () => Attributes,
  task: TaskEither<L, A>,
  onDone: (span: Span, value: A) => void,
  scope: CommandScope,
): Promise<E.Either<L, A>> => {
  if (streamName !== undefined) scope.streams.add(streamName);
  const span = tracer.startSpan(name, { attributes: attributes() }, scope.context);
  try {
    const result = await task();
    if (E.isRight(result)) {
      span.setAttribute(LEDGER_ATTRIBUTES.storeOutcome, "ok");
      onDone(span, result.right);
    } else {
      span.setAttribute(LEDGER_ATTRIBUTES.storeOutcome, result.left._tag);
      if (result.left._tag !== "StreamNotFound") {
        span.setAttribute(LEDGER_ATTRIBUTES.errorType, result.left._tag);
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.left._tag });
      }
    }
    return result;
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
};

/**
 * The store as the ledger uses it: each append and read a traced command makes becomes a child
 * span of the command's span (stream, expected revision, events written or read, outcome), for
 * every adapter alike. Subscriptions and `close` pass through untouched.
 */
export const instrumentEventStore = (store: EventStore, tracer: Tracer): EventStore => ({
  appendToStream: (streamName, events, options) =>
    traced(
      tracer,
      LEDGER_TELEMETRY.appendSpan,
      streamName,
      () => ({
        [LEDGER_ATTRIBUTES.streamName]: streamName,
        [LEDGER_ATTRIBUTES.expectedRevision]: formatRevision(options?.expectedRevision ?? "any"),
        [LEDGER_ATTRIBUTES.eventCount]: events.length,
      }),
      store.appendToStream(streamName, events, options),
      (span, appended) => {
        span.setAttribute(LEDGER_ATTRIBUTES.nextRevision, Number(appended.nextExpectedRevision));
        span.setAttribute(LEDGER_ATTRIBUTES.position, Number(appended.position));
      },
    ),
  readStream: (streamName, options) =>
    traced(
      tracer,
      LEDGER_TELEMETRY.readSpan,
      streamName,
      () => ({
        [LEDGER_ATTRIBUTES.streamName]: streamName,
        [LEDGER_ATTRIBUTES.direction]: options?.direction ?? "forwards",
        ...(options?.fromRevision === undefined ? {} : { [LEDGER_ATTRIBUTES.fromRevision]: Number(options.fromRevision) }),
        ...(options?.maxCount === undefined ? {} : { [LEDGER_ATTRIBUTES.maxCount]: options.maxCount }),
      }),
      store.readStream(streamName, options),
      (span, events) => span.setAttribute(LEDGER_ATTRIBUTES.eventsRead, events.length),
    ),
  readAll: (options) =>
    traced(
      tracer,
      LEDGER_TELEMETRY.readAllSpan,
      undefined,
      () => ({
        ...(options?.after === undefined ? {} : { [LEDGER_ATTRIBUTES.afterPosition]: Number(options.after) }),
        ...(options?.maxCount === undefined ? {} : { [LEDGER_ATTRIBUTES.maxCount]: options.maxCount }),
      }),
      store.readAll(options),
      (span, events) => span.setAttribute(LEDGER_ATTRIBUTES.eventsRead, events.length),
    ),
  subscribeToAll: (options) => store.subscribeToAll(options),
  close: () => store.close(),
});
