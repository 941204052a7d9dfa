import { createHash, randomUUID } from "node:crypto";
import type { JsonObject } from "@grantledger/core";

/**
 * An event as the command handler writes it, without its id: a `GrantDisbursed` with the
 * metadata every event carries (command, correlation and causation ids, actor, schema version,
 * and the stream's hash chain). The store workloads append these, so both sides store what a
 * real ledger stores, not toy payloads.
 */
export interface SampleEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export const streamNameOf = (stream: number): string => `grant-g${stream}`;

/**
 * A UUID as a flat string, as one decoded from a JSON command is. Node's `randomUUID` builds its
 * text by concatenation, a tree of some twenty string pieces (about 500 bytes) until something
 * flattens it; a sample holding those would weigh what no real command does.
 */
const flatUuid = (): string => Buffer.from(randomUUID(), "latin1").toString("latin1");

/**
 * Makes sample events one by one; event `n` goes to stream `n % streams`. Each stream's
 * `prevHash` is the previous event's `hash` (the same string, as the handler passes it on), and
 * correlation and causation ids default to the command id, as the handler's do.
 */
export class SampleEventSource {
  private readonly lastHash: (string | null)[];
  private next = 0;

  constructor(private readonly streams: number) {
    this.lastHash = new Array<string | null>(streams).fill(null);
  }

  make(): SampleEvent {
    const n = this.next++;
    const stream = n % this.streams;
    const commandId = flatUuid();
    const hash = createHash("sha256").update(`${commandId}:${n}`).digest("hex");
    const prevHash = this.lastHash[stream] ?? null;
    this.lastHash[stream] = hash;
    const tranche = Math.floor(n / this.streams);
    return {
      type: "GrantDisbursed",
      data: { grantId: `g${stream}`, amount: 1_250_000_00 + (n % 977), paymentRef: `PAY-${stream}-${tranche}`, disbursedAt: "2010-03-01T10:00:00+01:00" },
      metadata: { commandId, correlationId: commandId, causationId: commandId, actor: "case-officer@difi", schemaVersion: 1, prevHash, hash },
    };
  }

  /** The next `count` events, made before a timed run so neither side pays for making them. */
  take(count: number): SampleEvent[] {
    return Array.from({ length: count }, () => this.make());
  }
}
