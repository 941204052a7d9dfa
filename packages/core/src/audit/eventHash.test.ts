import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../store/recordedEvent.js";
import { canonicalEventJson, computeEventHash, type HashedContent } from "./eventHash.js";

/** docs/audit.md, step by step: the content as one object without `hash`, RFC 8785, SHA-256. */
const specified = (content: HashedContent): { ok: string } | { error: string } => {
  const { hash: _omitted, ...metadata } = content.metadata;
  try {
    const canonical = canonicalize({ streamName: content.streamName, revision: Number(content.revision), id: content.id, type: content.type, data: content.data, metadata });
    return canonical === undefined ? { error: `event ${content.id} has no JSON form` } : { ok: canonical };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

const written = (content: HashedContent): { ok: string } | { error: string } => {
  try {
    return { ok: canonicalEventJson(content) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

describe("canonicalEventJson", () => {
  it("writes the bytes docs/audit.md specifies, for any content, and hashes them with SHA-256", () => {
    const text = fc.string({ unit: "binary", maxLength: 12 });
    fc.assert(
      fc.property(
        text,
        fc.bigInt({ min: 0n, max: 2n ** 70n }),
        text,
        text,
        fc.oneof(fc.jsonValue(), fc.anything({ withDate: true, withBoxedValues: true, withNullPrototype: true })),
        fc.dictionary(fc.oneof(text, fc.constant("hash")), fc.oneof(fc.jsonValue(), fc.anything({ withDate: true }))),
        (streamName, revision, id, type, data, metadata) => {
          const content = { streamName, revision, id, type, data: data as JsonObject, metadata: metadata as JsonObject };
          const expected = specified(content);
          expect(written(content)).toEqual(expected);
          if ("ok" in expected) expect(computeEventHash(content)).toBe(createHash("sha256").update(expected.ok, "utf8").digest("hex"));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
