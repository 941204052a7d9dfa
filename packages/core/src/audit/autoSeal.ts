import { randomUUID, type KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "../store/eventStore.js";
import { decodeSeal } from "./decodeSeal.js";
import { sealHistory, type Seal } from "./sealHistory.js";
import { SEAL_STREAM } from "./streamHeads.js";

/** When and as whom an engine seals on its own (off unless given). */
export interface AutoSealOptions {
  /** Seal once this many events (not counting seals) were recorded since the last seal. */
  readonly everyEvents?: number;
  /** Seal this many seconds after the last seal, if any event was recorded since. */
  readonly everySeconds?: number;
  /** Who seals, recorded in each seal's metadata (e.g. `"forsegler@difi"`). */
  readonly actor: string;
  /** An Ed25519 private key to sign every seal with. */
  readonly signingKey?: KeyObject;
  /** How often to look, in milliseconds; defaults to 1 000. */
  readonly pollMs?: number;
  /** Told of each seal made. */
  readonly onSeal?: (seal: Seal) => void;
  /** Told of a seal that failed (the next look tries again). */
  readonly onError?: (error: unknown) => void;
}

/** A running auto-sealer. */
export interface AutoSealer {
  /** Looks now, and seals if a threshold is reached; resolves with the seal made, if any. */
  sealIfDue(): Promise<Seal | undefined>;
  /** Stops looking and waits for a seal in progress. */
  stop(): Promise<void>;
}

/** The store position after which events are not yet sealed (the last sealed event's), and when the last seal was made. */
const lastSealed = async (store: EventStore): Promise<{ after: bigint | undefined; sealedAt: number | undefined }> => {
  const read = await store.readStream(SEAL_STREAM, { direction: "backwards", maxCount: 1 })();
  const seal = E.isRight(read) ? read.right[0] : undefined;
  if (seal === undefined) return { after: undefined, sealedAt: undefined };
  const decoded = decodeSeal(seal);
  const sealedAt = Date.parse(seal.recordedAt);
  if (E.isLeft(decoded) || decoded.right.version !== 2 || decoded.right.data.last === null) return { after: undefined, sealedAt };
  const { streamName, revision } = decoded.right.data.last;
  const last = await store.readStream(streamName, { fromRevision: BigInt(revision), maxCount: 1 })();
  return { after: E.isRight(last) ? last.right[0]?.position : undefined, sealedAt };
};

/**
 * Seals a store on its own, every `everyEvents` events or `everySeconds` seconds (whichever
 * comes first; only when something other than a seal was recorded since the last one). Each
 * look costs two reads and at most `everyEvents` events; each seal, what was recorded since the
 * last (see {@link sealHistory}). Run one per store: two would race for the seal stream (the
 * loser's seal is refused by optimistic concurrency and reported to `onError`).
 */
export const startAutoSealer = (store: EventStore, options: AutoSealOptions): AutoSealer => {
  const everyEvents = options.everyEvents;
  const everyMs = options.everySeconds === undefined ? undefined : options.everySeconds * 1000;
  if (everyEvents === undefined && everyMs === undefined) throw new RangeError("autoSeal needs everyEvents or everySeconds");
  let inFlight: Promise<Seal | undefined> | undefined;
  let stopped = false;

  const look = async (): Promise<Seal | undefined> => {
    const { after, sealedAt } = await lastSealed(store);
    const limit = everyEvents ?? 1;
    const page = await store.readAll(after === undefined ? { maxCount: limit + 1 } : { after, maxCount: limit + 1 })();
    if (E.isLeft(page)) throw new Error(`cannot read the store: ${page.left._tag}`);
    const fresh = page.right.filter((event) => event.streamName !== SEAL_STREAM).length;
    const dueByCount = everyEvents !== undefined && fresh >= everyEvents;
    const dueByTime = everyMs !== undefined && fresh > 0 && (sealedAt === undefined || Date.now() - sealedAt >= everyMs);
    if (!dueByCount && !dueByTime) return undefined;
    const sealed = await sealHistory(
      store,
      { commandId: `auto-seal-${randomUUID()}`, actor: options.actor },
      new Date().toISOString(),
      options.signingKey === undefined ? {} : { signingKey: options.signingKey },
    );
    if (E.isLeft(sealed)) throw new Error(`cannot seal: ${JSON.stringify(sealed.left, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
    options.onSeal?.(sealed.right);
    return sealed.right;
  };

  const sealIfDue = (): Promise<Seal | undefined> => {
    inFlight ??= look().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const timer = setInterval(() => {
    if (stopped) return;
    sealIfDue().catch((error: unknown) => options.onError?.(error));
  }, options.pollMs ?? 1000);
  timer.unref();

  return {
    sealIfDue,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await inFlight?.catch(() => undefined);
    },
  };
};
