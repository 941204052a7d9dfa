import { createHash } from "node:crypto";

/** The namespace of grantledger's derived event ids (UUID v5). */
export const EVENT_ID_NAMESPACE = "5f0c6e9b-3d2a-4c1e-9a7b-6c8d2e4f1a30";

const NAMESPACE_BYTES = Buffer.from(EVENT_ID_NAMESPACE.replaceAll("-", ""), "hex");

/**
 * The id of the `index`-th event of `type` that command `commandId` appends to `streamName`.
 * Deterministic, so a retried command produces the same ids and the store's idempotency (or
 * the handler's check for the command id) keeps it from appending twice.
 *
 * RFC 4122 UUID v5, computed here rather than by the `uuid` package (whose ids it equals, as its
 * test checks): every event a command writes derives one, and the package's byte-by-byte
 * encoding of the name cost more than the SHA-1 itself.
 */
export const deriveEventId = (commandId: string, streamName: string, type: string, index: number): string => {
  const hash = createHash("sha1").update(NAMESPACE_BYTES).update(`${commandId}\u0000${streamName}\u0000${type}\u0000${index}`, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50; // version 5
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.toString("hex", 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
