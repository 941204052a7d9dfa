import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEventHash, type JsonObject, type RecordedEvent } from "@grantledger/core";
import { canonicalLineContentHash } from "./canonicalLine.js";
import { formatHistoryLine, parseHistoryLine } from "./historyLine.js";

const base: RecordedEvent = {
  streamName: "grant-g1",
  revision: 3n,
  position: 41n,
  id: "0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68",
  type: "GrantDisbursed",
  data: { grantId: "g1", amount: 1_000_000, paymentRef: "P-1", disbursedAt: "2009-07-02T09:00:00+02:00", note: 'a "quoted"\n\\ 😀 ø' },
  metadata: { commandId: "c", actor: "a", prevHash: null, hash: "ab".repeat(32) },
  recordedAt: "2009-07-02T07:00:00.000Z",
};

/** Whether JSON.parse reads `text` as an event line at all (what the caller checks first). */
const parses = (text: string): boolean => {
  try {
    parseHistoryLine(text, 1);
    return true;
  } catch {
    return false;
  }
};

describe("the content hash read off a canonical line", () => {
  it("is computeEventHash's, wherever the metadata's hash member stands, or with none", () => {
    for (const metadata of [
      { hash: "ab".repeat(32) },
      { actor: "a", hash: "ab".repeat(32) },
      { hash: "ab".repeat(32), zz: 1 },
      { actor: "a", hash: "ab".repeat(32), zz: [1, { y: null }] },
      { actor: "a" },
      {},
    ] satisfies JsonObject[]) {
      const event = { ...base, metadata };
      expect(canonicalLineContentHash(formatHistoryLine(event))).toBe(computeEventHash(event));
    }
  });

  it.each([
    ["a fraction", { x: 0.5 }],
    ["an exponent ECMAScript writes", { x: 1e21, y: 5e-7 }],
    ["a long integer", { x: 123456789012345680 }],
    ["negative numbers", { x: -1, y: -0.25 }],
    ["zero", { x: 0 }],
  ])("is computeEventHash's with %s", (_name, data) => {
    const event = { ...base, data };
    expect(canonicalLineContentHash(formatHistoryLine(event))).toBe(computeEventHash(event));
  });

  it.each([
    ["a space", formatHistoryLine(base).replace('"amount":', '"amount": ')],
    ["an escaped slash", formatHistoryLine(base).replace("P-1", "P\\/1")],
    ["a \\u escape", formatHistoryLine(base).replace("P-1", "P\\u002d1")],
    ["keys out of order", formatHistoryLine(base).replace('{"amount":1000000,"disbursedAt":"2009-07-02T09:00:00+02:00"', '{"disbursedAt":"2009-07-02T09:00:00+02:00","amount":1000000')],
    ["a duplicate key", formatHistoryLine(base).replace('"amount":1000000', '"amount":1000000,"amount":1000000')],
    ["-0", formatHistoryLine(base).replace('"amount":1000000', '"amount":-0')],
    ["1.0", formatHistoryLine(base).replace('"amount":1000000', '"amount":1.0')],
    ["an exponent", formatHistoryLine(base).replace('"amount":1000000', '"amount":1e6')],
    ["a trailing space", `${formatHistoryLine(base)} `],
  ])("is not given for a line with %s", (_name, text) => {
    expect(text).not.toBe(formatHistoryLine(base));
    expect(canonicalLineContentHash(text)).toBeUndefined();
  });

  const json = fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
  const text = fc.string({ unit: "binary", maxLength: 12 });
  const jsonObject = fc.dictionary(text, json, { maxKeys: 5 }).map((value) => JSON.parse(JSON.stringify(value)) as JsonObject);
  const arbitraryEvent: fc.Arbitrary<RecordedEvent> = fc.record({
    streamName: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
    revision: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 2n ** 60n })),
    position: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 2n ** 60n })),
    id: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
    type: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
    data: jsonObject,
    metadata: fc.tuple(jsonObject, fc.option(json, { nil: undefined })).map(([metadata, hash]) => (hash === undefined ? metadata : { ...metadata, hash }) as JsonObject),
    recordedAt: text,
  });

  it("is computeEventHash's for every line the format writes that it reads, and it reads most", () => {
    let read = 0;
    fc.assert(
      fc.property(arbitraryEvent, (event) => {
        const contentHash = canonicalLineContentHash(formatHistoryLine(event));
        if (contentHash === undefined) return;
        expect(contentHash).toBe(computeEventHash(event));
        read += 1;
      }),
      { numRuns: 2000 },
    );
    // The rest have a \u escape (a control character), an escaped key or a revision or position no double holds.
    expect(read).toBeGreaterThan(300);
  });

  it("is given only for the canonical line of the event it parses to, however a line is changed", () => {
    const character = fc.oneof(fc.constantFrom(" ", '"', "\\", ",", ":", "{", "}", "[", "]", "0", "1", "-", ".", "e", "u", "n", "é", "😀", "\ud800"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.oneof(arbitraryEvent, fc.constant(base)), fc.nat(), fc.constantFrom("replace", "insert", "delete"), character, (event, at, kind, c) => {
        const line = formatHistoryLine(event);
        const where = at % (line.length + (kind === "insert" ? 1 : 0));
        const changed = line.slice(0, where) + (kind === "delete" ? "" : c) + line.slice(kind === "insert" ? where : where + 1);
        fc.pre(parses(changed));
        const contentHash = canonicalLineContentHash(changed);
        if (contentHash === undefined) return;
        const read = parseHistoryLine(changed, 1);
        expect(formatHistoryLine(read)).toBe(changed);
        expect(contentHash).toBe(computeEventHash(read));
      }),
      { numRuns: 5000 },
    );
  });
});
