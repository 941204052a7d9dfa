import * as t from "io-ts";

const isLowerHexDigit = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66);

/**
 * Whether `s` is 64 characters of 0-9 and a-f (what /^[0-9a-f]{64}$/ accepts), read as character
 * codes: a verifier asks it of two hashes an event, and the loop takes a fraction of the match.
 */
const isSha256Hex = (s: string): boolean => {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) if (!isLowerHexDigit(s.charCodeAt(i))) return false;
  return true;
};

/** A SHA-256 digest as 64 lower-case hexadecimal characters. */
export const Sha256Hex = t.refinement(t.string, isSha256Hex, "Sha256Hex");
