import { createHash } from "node:crypto";

const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** The RFC 6962 leaf hash: SHA-256(0x00 ‖ leaf bytes). */
export const merkleLeafHash = (leaf: Uint8Array): Buffer => sha256(LEAF_PREFIX, leaf);

/** The largest power of two strictly below `n` (n ≥ 2). */
const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const rootOfHashes = (hashes: readonly Buffer[], from: number, to: number): Buffer => {
  const n = to - from;
  if (n === 1) return hashes[from] as Buffer;
  const k = splitPoint(n);
  return sha256(NODE_PREFIX, rootOfHashes(hashes, from, from + k), rootOfHashes(hashes, from + k, to));
};

/**
 * The Merkle Tree Hash of RFC 6962 (Certificate Transparency), §2.1, over the leaves in the
 * order given, as lower-case hex. Chosen because it is specified to the byte elsewhere, with
 * leaf and node prefixes that keep a leaf from passing as a node. The empty tree's root is
 * SHA-256 of no bytes.
 */
export const merkleRoot = (leaves: readonly Uint8Array[]): string => {
  if (leaves.length === 0) return sha256().toString("hex");
  const hashes = leaves.map(merkleLeafHash);
  return rootOfHashes(hashes, 0, hashes.length).toString("hex");
};
