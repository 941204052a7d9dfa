import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent } from "../events/domainEvent.js";
import type { EventStore } from "../store/eventStore.js";
import { appendDecided } from "./appendDecided.js";
import type { CommandContext } from "./commandContext.js";
import type { AppendedEvent } from "./commandOutcome.js";
import { foldRecorded } from "./foldStream.js";
import type { HandlerError } from "./handlerErrors.js";
import { loadStream, type LoadedStream } from "./loadStream.js";
import { StreamCache } from "./streamCache.js";
import type { StreamModel } from "./streamModels.js";

/**
 * How the command handler reads and writes streams: through a cache of folded streams, so a
 * command reads only the events it has not folded before. The cache never replaces the store's
 * word: every load asks the store for what follows the cached revision (usually nothing), and
 * every append still carries the exact expected revision, so other writers are seen as before.
 */
export interface LedgerStreams {
  /** The store behind the cache. */
  readonly store: EventStore;
  /** A stream folded to its last event, with this command's events in it (see {@link LoadedStream}). */
  load<S, Ev extends DomainEvent>(streamName: string, model: StreamModel<S, Ev>, commandId: string): Promise<E.Either<HandlerError, LoadedStream<S>>>;
  /** Appends decided events after `loaded` (see {@link appendDecided}) and folds them into the cache. */
  append<S, Ev extends DomainEvent>(
    loaded: LoadedStream<S>,
    model: StreamModel<S, Ev>,
    events: readonly DomainEvent[],
    context: CommandContext,
  ): Promise<E.Either<HandlerError, readonly AppendedEvent[]>>;
  /** The cached state of a stream, without asking the store: for what never changes (a grant's round). */
  peek<S, Ev extends DomainEvent>(streamName: string, model: StreamModel<S, Ev>): S | undefined;
}

/** Stream access over `store`, caching at most `maxStreams` folded streams (0: none, every load reads whole). */
export const createLedgerStreams = (store: EventStore, maxStreams: number): LedgerStreams => {
  const cache = new StreamCache(maxStreams);

  const loadWhole = async <S, Ev extends DomainEvent>(streamName: string, model: StreamModel<S, Ev>, commandId: string) => {
    const commandIds = new Set<string>();
    const loaded = await loadStream(store, streamName, model, commandId, commandIds);
    if (E.isRight(loaded)) remember(loaded.right, model, commandIds);
    return loaded;
  };

  const remember = <S, Ev extends DomainEvent>(loaded: LoadedStream<S>, model: StreamModel<S, Ev>, commandIds: Set<string>): void => {
    if (loaded.revision === "no_stream") return;
    cache.set(loaded.streamName, { model, state: loaded.state, revision: loaded.revision, lastHash: loaded.lastHash, commandIds });
  };

  const load: LedgerStreams["load"] = async (streamName, model, commandId) => {
    const cached = cache.get(streamName, model);
    // A command the stream already holds events of is a retry: answer it from a full read,
    // exactly as without a cache (the cache keeps no events, only their command ids).
    if (cached === undefined || cached.commandIds.has(commandId)) return loadWhole(streamName, model, commandId);
    // Read from the cached revision, not after it: the event there must be the one cached (same
    // id place, same hash), or the stream was deleted, truncated or rewritten behind the cache.
    const tail = await store.readStream(streamName, { fromRevision: cached.revision })();
    const anchor = E.isRight(tail) ? tail.right[0] : undefined;
    if (E.isLeft(tail) || anchor === undefined || anchor.revision !== cached.revision || anchor.metadata["hash"] !== cached.lastHash) {
      cache.delete(streamName);
      return loadWhole(streamName, model, commandId);
    }
    if (tail.right.length === 1) return E.right({ streamName, state: cached.state, revision: cached.revision, lastHash: cached.lastHash, fromThisCommand: [] });
    // Another writer appended: fold only its events, with the checks of a full read.
    const folded = foldRecorded(streamName, model, cached, tail.right.slice(1), commandId, cached.commandIds);
    if (E.isLeft(folded)) cache.delete(streamName);
    else remember(folded.right, model, cached.commandIds);
    return folded;
  };

  const append: LedgerStreams["append"] = async (loaded, model, events, context) => {
    const appended = await appendDecided(store, loaded, events, context);
    const last = E.isRight(appended) ? appended.right[appended.right.length - 1] : undefined;
    if (E.isLeft(appended) || last === undefined) return appended;
    // Fold what was just written onto the state it was decided on, so the next command finds the
    // stream cached at its new end. Only when the cache held exactly that state (or the stream
    // was new): otherwise the ids of earlier commands are unknown, and the next load reads whole.
    // Only a look: the entry's place is set again below (or it is left for the next load).
    const cached = loaded.revision === "no_stream" ? undefined : cache.find(loaded.streamName, model);
    const matches = cached !== undefined && cached.revision === loaded.revision && cached.lastHash === loaded.lastHash;
    if (loaded.revision !== "no_stream" && !matches) return appended;
    let state = loaded.state;
    for (const { event, metadata } of appended.right) {
      if (!model.owns(event)) {
        cache.delete(loaded.streamName);
        return appended;
      }
      // With its actor, as a full read folds it: separation of duties reads who evaluated and awarded.
      state = model.evolve(state, event, metadata.actor);
    }
    const commandIds = cached?.commandIds ?? new Set<string>();
    commandIds.add(context.commandId);
    cache.set(loaded.streamName, { model, state, revision: last.revision, lastHash: last.metadata.hash, commandIds });
    return appended;
  };

  const peek: LedgerStreams["peek"] = (streamName, model) => cache.get(streamName, model)?.state;

  return { store, load, append, peek };
};
