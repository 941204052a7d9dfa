import canonicalize from "canonicalize";
import type { RecordedEvent } from "../store/recordedEvent.js";
import { hashLeaf, rootOfLeafHashes } from "./merkleLog.js";

/** The stream seals are written to. Version-2 seals cover it like any other; version-1 seals left it out. */
export const SEAL_STREAM = "seal";

/** The last event of a stream at some global position. */
export interface StreamHead {
  /** The stream. */
  readonly streamName: string;
  /** The revision of its last event at that position. */
  readonly revision: bigint;
  /** That event's `hash` from its metadata; `""` when it has none. */
  readonly hash: string;
}

/**
 * Collects stream heads while events are read in global order. Memory is one entry per
 * stream, so a history of millions of events is sealed or verified in one pass.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();

  /** Takes `event` as its stream's head; events of the `seal` stream are skipped. */
  add(event: RecordedEvent): void {
    if (event.streamName === SEAL_STREAM) return;
    const hash = event.metadata["hash"];
    this.heads.set(event.streamName, { streamName: event.streamName, revision: event.revision, hash: typeof hash === "string" ? hash : "" });
  }

  /** The heads, ordered by the UTF-8 bytes of the stream name, as any language can sort them. */
  sorted(): readonly StreamHead[] {
    return StreamHeads.sort(this.heads.values());
  }

  /** Heads ordered by the UTF-8 bytes of their stream names. */
  static sort(heads: Iterable<StreamHead>): readonly StreamHead[] {
    return [...heads].sort((a, b) => Buffer.compare(Buffer.from(a.streamName, "utf8"), Buffer.from(b.streamName, "utf8")));
  }

  /** A stream's head, if it has one. */
  get(streamName: string): StreamHead | undefined {
    return this.heads.get(streamName);
  }

  /** Every stream's head, unordered. */
  entries(): IterableIterator<[string, StreamHead]> {
    return this.heads.entries();
  }

  /** How many streams have a head so far. */
  get size(): number {
    return this.heads.size;
  }
}

/** A seal leaf: the UTF-8 bytes of the canonical JSON `{"hash":…,"revision":…,"streamName":…}`. */
export const sealLeaf = (head: StreamHead): Uint8Array =>
  Buffer.from(canonicalize({ streamName: head.streamName, revision: Number(head.revision), hash: head.hash }) ?? "", "utf8");

/** The version-1 seal root: the Merkle Tree Hash over stream heads, leaves ordered by stream name. */
export const sealRoot = (heads: readonly StreamHead[]): string => rootOfLeafHashes(heads.map((head) => hashLeaf(sealLeaf(head)))).toString("hex");
