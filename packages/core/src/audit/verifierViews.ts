// What the verifier keeps of the history read so far, to check a seal where it is read: the
// stream heads as a version-1 seal saw them, and the leaves since the last version-2 seal.
import type { RecordedEvent } from "../store/recordedEvent.js";
import { LeafWindow } from "./leafWindow.js";
import { MerkleFrontier } from "./merkleLog.js";
import { SEAL_STREAM, sealRoot, StreamHeads, type StreamHead } from "./streamHeads.js";

/**
 * How far behind the events it covers a seal may be recorded and still be checked in one pass:
 * the leaves since the last checked seal are kept (64 bytes each) until a seal covers them.
 */
export const SEAL_LAG_LIMIT = 1_048_576;
/** The same for a version-1 seal, whose stream heads are rolled back from an undo log. */
export const V1_SEAL_LAG_LIMIT = 65_536;

/** A stream's last event so far: its revision and hash. */
export interface Tail {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * The version-1 view: each stream's head is its tail (kept anyway for the chain), and a ring of
 * the last {@link V1_SEAL_LAG_LIMIT} changes (position, stream, the tail it replaced) lets a
 * version-1 seal see the heads as they were at its position. Three array writes an event, no
 * object: most histories hold no version-1 seal, and pay only that.
 */
export class HeadsAt {
  private readonly positions: bigint[] = new Array<bigint>(V1_SEAL_LAG_LIMIT);
  private readonly names: string[] = new Array<string>(V1_SEAL_LAG_LIMIT);
  private readonly previous: (Tail | undefined)[] = new Array<Tail | undefined>(V1_SEAL_LAG_LIMIT);
  private count = 0;

  constructor(private readonly tails: ReadonlyMap<string, Tail>) {}

  /** Notes that `event` replaced its stream's tail `before` (call before the tail is set). */
  add(event: RecordedEvent, before: Tail | undefined): void {
    if (event.streamName === SEAL_STREAM) return;
    const slot = this.count % V1_SEAL_LAG_LIMIT;
    this.positions[slot] = event.position;
    this.names[slot] = event.streamName;
    this.previous[slot] = before;
    this.count += 1;
  }

  /** The version-1 root at `position`, or `undefined` when it is too far back to know. */
  rootAt(position: bigint): string | undefined {
    const heads = new Map<string, Tail | undefined>();
    const oldest = Math.max(0, this.count - V1_SEAL_LAG_LIMIT);
    let i = this.count - 1;
    for (; i >= oldest; i--) {
      const slot = i % V1_SEAL_LAG_LIMIT;
      if ((this.positions[slot] as bigint) <= position) break;
      // Walking back, the earliest change after `position` leaves each stream as it was then.
      heads.set(this.names[slot] as string, this.previous[slot]);
    }
    if (i < oldest && oldest > 0) return undefined;
    const sorted: StreamHead[] = [];
    for (const [streamName, tail] of this.tails) {
      if (streamName === SEAL_STREAM) continue;
      const then = heads.has(streamName) ? heads.get(streamName) : tail;
      if (then !== undefined) sorted.push({ streamName, revision: then.revision, hash: then.hash });
    }
    return sealRoot(StreamHeads.sort(sorted));
  }
}

/** The version-2 view: the log checked up to the last seal, and the leaves read since. */
export class LogAt {
  base = MerkleFrontier.empty();
  readonly window = new LeafWindow();

  get size(): number {
    return this.base.size + this.window.length;
  }

  add(leafHash: string, event: RecordedEvent, eventHash: string): void {
    this.window.push(leafHash, eventHash, event.streamName, Number(event.revision));
    if (this.window.length > SEAL_LAG_LIMIT) this.advanceTo(this.base.size + 1);
  }

  /** The tree of the first `size` leaves (base.size ≤ size ≤ this.size), without moving the base. */
  frontierAt(size: number): MerkleFrontier {
    const frontier = this.base.clone();
    for (let i = 0; frontier.size < size; i++) frontier.append(this.window.leafHash(i));
    return frontier;
  }

  /** Moves the base to `size`: leaves before it can no longer be sealed. */
  advanceTo(size: number, frontier = this.frontierAt(size)): void {
    this.window.dropFirst(size - this.base.size);
    this.base = frontier;
  }

  /** The leaf at `index` (base.size ≤ index < size) as a seal names its last event. */
  sealedEventAt(index: number): { readonly streamName: string; readonly revision: number; readonly eventHash: string } {
    return { ...this.window.eventAt(index - this.base.size), eventHash: this.window.eventHash(index - this.base.size) };
  }
}

