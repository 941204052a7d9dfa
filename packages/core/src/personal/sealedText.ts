/**
 * How a sealed personal value is stored: one string in place of the text, so that every event
 * codec, decider, read model and export takes it as it takes any text, and the content hash
 * covers exactly what is stored. `keyId` names the data subject's key (random, so it says
 * nothing of the person), `iv` the AES-GCM nonce and `ciphertext` the encrypted text with its
 * 16-byte authentication tag, each in unpadded base64url.
 */
export interface SealedParts {
  /** The id of the key it was sealed with (22 base64url characters: 16 random bytes). */
  readonly keyId: string;
  /** The AES-GCM nonce (16 base64url characters: 12 bytes). */
  readonly iv: string;
  /** The encrypted text followed by its 16-byte tag, base64url. */
  readonly ciphertext: string;
}

/** What a sealed value reads as once its subject's key was forgotten. */
export const ERASED_PERSONAL_DATA = "[erased]";

// Built once; base64url has no `.`, so the three parts split unambiguously.
const SEALED = /^\[personal data ([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})\]$/;

/** The stored form: `[personal data <keyId>.<iv>.<ciphertext>]`. */
export const formatSealed = ({ keyId, iv, ciphertext }: SealedParts): string => `[personal data ${keyId}.${iv}.${ciphertext}]`;

/** The parts of a stored sealed value, or `undefined` when `value` is not one (plain text). */
export const parseSealed = (value: string): SealedParts | undefined => {
  const match = SEALED.exec(value);
  if (match === null) return undefined;
  const [, keyId = "", iv = "", ciphertext = ""] = match;
  return { keyId, iv, ciphertext };
};

/** Whether a stored value is sealed personal data (rather than text stored plain). */
export const isSealed = (value: string): boolean => SEALED.test(value);
