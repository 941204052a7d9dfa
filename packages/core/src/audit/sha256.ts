import { hash } from "node:crypto";

/**
 * SHA-256 of `input` (a string is hashed as UTF-8) as a Buffer. The digest leaves one-shot
 * `hash` as a "binary" (latin1) string, one character a byte so that nothing is lost, and is
 * copied into a pooled Buffer: `hash`'s own "buffer" output allocates an ArrayBuffer per call in
 * Node 20, which took longer than hashing a leaf, and a verifier hashes two nodes or leaves an event.
 */
export const sha256Buffer = (input: string | Uint8Array): Buffer => Buffer.from(hash("sha256", input, "binary"), "binary");
