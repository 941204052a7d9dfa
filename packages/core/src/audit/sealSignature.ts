import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import type { SealSignature } from "./sealRecorded.js";

/** What a signature covers: the seal's signed tree head (docs/audit.md §3). */
export interface SignedTreeHead {
  /** How many leaves the root covers. */
  readonly treeSize: number;
  /** The Merkle root, lower-case hex. */
  readonly root: string;
  /** When the seal was made, as the seal records it. */
  readonly sealedAt: string;
}

/**
 * The bytes an Ed25519 seal signature signs: UTF-8 RFC 8785 canonical JSON
 * `{"root":…,"sealedAt":…,"treeSize":…,"type":"grantledger-seal","version":2}`. The `type` keeps
 * a seal signature from being replayed as the signature of anything else the key signs.
 */
export const signedTreeHeadBytes = (head: SignedTreeHead): Buffer =>
  Buffer.from(
    `{"root":${JSON.stringify(head.root)},"sealedAt":${JSON.stringify(head.sealedAt)},"treeSize":${head.treeSize},"type":"grantledger-seal","version":2}`,
    "utf8",
  );

/** A key's id: SHA-256, lower-case hex, of its public key in DER SubjectPublicKeyInfo form. */
export const keyIdOf = (key: KeyObject): string => createHash("sha256").update(publicKeyDer(key)).digest("hex");

const publicKeyDer = (key: KeyObject): Buffer => (key.type === "private" ? createPublicKey(key) : key).export({ type: "spki", format: "der" });

/** Why a key cannot sign or check seals. */
export class SealKeyError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SealKeyError";
  }
}

const ed25519 = (key: KeyObject, want: "private" | "public"): KeyObject => {
  if (key.asymmetricKeyType !== "ed25519") throw new SealKeyError(`not an Ed25519 key (${key.asymmetricKeyType ?? key.type})`);
  if (want === "private" && key.type !== "private") throw new SealKeyError("a public key cannot sign: give the private key");
  return key;
};

/** An Ed25519 private key from PEM (PKCS #8), or a {@link SealKeyError} saying why not. */
export const parseSealPrivateKey = (pem: string | Buffer): KeyObject => {
  try {
    return ed25519(createPrivateKey(pem), "private");
  } catch (error) {
    if (error instanceof SealKeyError) throw error;
    throw new SealKeyError("not a PEM private key");
  }
};

/** An Ed25519 public key from PEM (SPKI; a private key's PEM gives its public half), or a {@link SealKeyError}. */
export const parseSealPublicKey = (pem: string | Buffer): KeyObject => {
  try {
    return ed25519(createPublicKey(pem), "public");
  } catch (error) {
    if (error instanceof SealKeyError) throw error;
    throw new SealKeyError("not a PEM public key");
  }
};

/** Signs a tree head with an Ed25519 private key. */
export const signTreeHead = (head: SignedTreeHead, privateKey: KeyObject): SealSignature => ({
  algorithm: "ed25519",
  keyId: keyIdOf(privateKey),
  publicKey: publicKeyDer(privateKey).toString("base64"),
  value: sign(null, signedTreeHeadBytes(head), ed25519(privateKey, "private")).toString("base64"),
});

/**
 * Whether `signature` is a valid Ed25519 signature of `head` by the key it names (its embedded
 * public key, whose id must be its `keyId`). Whether that key is one to trust is the caller's
 * question: compare `keyId` with {@link keyIdOf} of a key you hold.
 */
export const checkTreeHeadSignature = (head: SignedTreeHead, signature: SealSignature): boolean => {
  try {
    const key = createPublicKey({ key: Buffer.from(signature.publicKey, "base64"), format: "der", type: "spki" });
    if (key.asymmetricKeyType !== "ed25519" || keyIdOf(key) !== signature.keyId) return false;
    return verify(null, signedTreeHeadBytes(head), key, Buffer.from(signature.value, "base64"));
  } catch {
    return false;
  }
};
