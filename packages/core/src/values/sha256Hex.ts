import * as t from "io-ts";

/** A SHA-256 digest as 64 lower-case hexadecimal characters. */
export const Sha256Hex = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), "Sha256Hex");
