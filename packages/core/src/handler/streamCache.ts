import type { DomainEvent } from "../events/domainEvent.js";
import type { StreamModel } from "./streamModels.js";

/** What the cache keeps of a stream it has folded: enough to go on from where it stopped. */
export interface CachedStream<S> {
  /** The model the state was folded with (compared by identity): the state is only read back with it. */
  readonly model: object;
  /** The stream folded up to `revision`. */
  readonly state: S;
  /** The last revision folded: the next load reads from here (this event as an anchor) on. */
  readonly revision: bigint;
  /** The hash of the event at `revision`; the anchor read back must still carry it. */
  readonly lastHash: string | null;
  /**
   * The command ids of the events up to `revision` (a superset is harmless, a subset is not).
   * Only the ids, not the events: a command found here is a retry, rare enough to be answered
   * from a full read, so the cache need not hold every event of every stream.
   */
  readonly commandIds: Set<string>;
}

/**
 * A bounded map of folded streams, least recently used evicted first. A `Map` iterates in
 * insertion order, so re-inserting on every use keeps the oldest at the front: O(1) each way.
 */
export class StreamCache {
  private readonly entries = new Map<string, CachedStream<unknown>>();

  /** A cache of at most `maxStreams` streams; 0 keeps none. */
  constructor(private readonly maxStreams: number) {}

  /** How many streams it holds now. */
  get size(): number {
    return this.entries.size;
  }

  /** The stream's entry if it was folded with `model`, marked as just used. */
  get<S, Ev extends DomainEvent>(streamName: string, model: StreamModel<S, Ev>): CachedStream<S> | undefined {
    const entry = this.entries.get(streamName);
    if (entry === undefined || entry.model !== model) return undefined;
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    // Safe: the entry was stored with this very model, whose state type is S.
    return entry as CachedStream<S>;
  }

  /**
   * The stream's entry if it was folded with `model`, leaving its place in the order alone: for
   * a second look within one command, whose load has just marked it used.
   */
  find<S, Ev extends DomainEvent>(streamName: string, model: StreamModel<S, Ev>): CachedStream<S> | undefined {
    const entry = this.entries.get(streamName);
    // Safe: the entry was stored with this very model, whose state type is S.
    return entry === undefined || entry.model !== model ? undefined : (entry as CachedStream<S>);
  }

  /** Keeps (or replaces) a stream's entry, evicting the least recently used beyond the bound. */
  set<S>(streamName: string, entry: CachedStream<S>): void {
    if (this.maxStreams <= 0) return;
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    if (this.entries.size > this.maxStreams) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  /** Forgets a stream, so the next load reads it whole. */
  delete(streamName: string): void {
    this.entries.delete(streamName);
  }
}
