import { hash } from "node:crypto";

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
  // The namespace's bytes, then the name in UTF-8, hashed in one call (no Hash object).
  const name = `${commandId}\u0000${streamName}\u0000${type}\u0000${index}`;
  const input = Buffer.allocUnsafe(NAMESPACE_BYTES.length + Buffer.byteLength(name, "utf8"));
  NAMESPACE_BYTES.copy(input, 0);
  input.write(name, NAMESPACE_BYTES.length, "utf8");
  const hex = hash("sha1", input, "hex");
  // Byte 6's high nibble becomes the version (5); byte 8's top two bits the RFC 4122 variant
  // (10), so its high nibble is 8 plus its low two bits: one of 8, 9, a, b.
  const variant = "89ab".charAt(Number.parseInt(hex.charAt(16), 16) & 0x3);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
