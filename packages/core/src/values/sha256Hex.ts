import * as t from "io-ts";

// Built once: a regular expression literal in the predicate is a new object on every decode.
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 digest as 64 lower-case hexadecimal characters. */
export const Sha256Hex = t.refinement(t.string, (s) => SHA256_HEX.test(s), "Sha256Hex");
