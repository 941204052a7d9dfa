import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";
import type { PersonalDataKey } from "./personalDataKeys.js";
import { formatSealed, type SealedParts } from "./sealedText.js";

/**
 * Two keys from the subject's one (HKDF-SHA256), so that the key deriving the nonce never
 * encrypts: one for AES-256-GCM, one for the HMAC that derives the nonce.
 */
const derive = (key: Uint8Array): { readonly cipher: Buffer; readonly nonce: Buffer } => ({
  cipher: Buffer.from(hkdfSync("sha256", key, new Uint8Array(0), "grantledger personal data: aes-256-gcm", 32)),
  nonce: Buffer.from(hkdfSync("sha256", key, new Uint8Array(0), "grantledger personal data: nonce", 32)),
});

// Derived once per key object a key store hands out (and forgotten with it), not per value.
const derived = new WeakMap<Uint8Array, ReturnType<typeof derive>>();
const subkeys = (key: Uint8Array): ReturnType<typeof derive> => {
  const known = derived.get(key);
  if (known !== undefined) return known;
  const made = derive(key);
  derived.set(key, made);
  return made;
};

// The kind and the key id are authenticated with the text: a sealed value moved to another kind
// of field, or relabelled with another key id, does not open.
const associated = (keyId: string, kind: string): Buffer => Buffer.from(`${keyId}\u0000${kind}`, "utf8");

/**
 * Seals `text` as a value of `kind` (`evaluator`, `notes`, …) with the subject's key. The nonce
 * is the first 12 bytes of HMAC-SHA256(kind, text) under a key of its own, so one subject's same
 * text in the same kind of field always seals alike (a retried command writes identical events,
 * and equal evaluators stay equal), and two different texts never share a nonce.
 */
export const sealText = ({ keyId, key }: PersonalDataKey, kind: string, text: string): string => {
  const { cipher, nonce } = subkeys(key);
  const iv = createHmac("sha256", nonce).update(`${kind}\u0000${text}`, "utf8").digest().subarray(0, 12);
  const gcm = createCipheriv("aes-256-gcm", cipher, iv);
  gcm.setAAD(associated(keyId, kind));
  const ciphertext = Buffer.concat([gcm.update(text, "utf8"), gcm.final(), gcm.getAuthTag()]);
  return formatSealed({ keyId, iv: iv.toString("base64url"), ciphertext: ciphertext.toString("base64url") });
};

/** The text a sealed value of `kind` holds, or `undefined` when the key does not open it. */
export const openSealed = ({ keyId, key }: PersonalDataKey, kind: string, sealed: SealedParts): string | undefined => {
  if (sealed.keyId !== keyId) return undefined;
  const bytes = Buffer.from(sealed.ciphertext, "base64url");
  if (bytes.length < 16) return undefined;
  try {
    const gcm = createDecipheriv("aes-256-gcm", subkeys(key).cipher, Buffer.from(sealed.iv, "base64url"));
    gcm.setAAD(associated(keyId, kind));
    gcm.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([gcm.update(bytes.subarray(0, bytes.length - 16)), gcm.final()]).toString("utf8");
  } catch {
    // A wrong tag: not sealed with this key and kind (or altered).
    return undefined;
  }
};
