import { isDeepStrictEqual } from "node:util";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, computeEventHash, type JsonObject, type RecordedEvent } from "@grantledger/core";
import { formatHistoryLine, HistoryLineError, parseHistoryLine, parseHistoryLineWithHash } from "./historyLine.js";

const event: RecordedEvent = {
  streamName: "grant-ebygg",
  revision: 2n,
  position: 9_007_199_254_740_993n, // 2^53 + 1: a float cannot hold it
  id: "0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68",
  type: "GrantAwarded",
  data: { grantId: "ebygg", amount: 330000000, conditions: ["Sluttrapport"] },
  metadata: { commandId: "award-ebygg", actor: "direktør@difi", prevHash: null },
  recordedAt: "2009-06-19T10:00:00.000Z",
};

const seal: RecordedEvent = {
  streamName: "seal",
  revision: 0n,
  position: 15n,
  id: "5a0c4a8e-3b1d-4e2f-9a6b-7c8d9e0f1a2b",
  type: "SealRecorded",
  data: { version: 2, treeSize: 15, position: 14, last: null, root: "ab".repeat(32), frontier: [], sealedAt: "2011-02-01T12:00:00+01:00" },
  metadata: { commandId: "seal-1", actor: "revisor", prevHash: null, hash: "cd".repeat(32) },
  recordedAt: "2011-02-01T11:00:00.000Z",
};

/** The reason a line is refused with (and that it is refused as line 17). */
const refusal = (text: string): string => {
  try {
    parseHistoryLine(text, 17);
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryLineError);
    expect((error as HistoryLineError).line).toBe(17);
    return (error as HistoryLineError).message;
  }
  throw new Error(`accepted: ${text}`);
};

const NOT_CANONICAL = /^not in the canonical form \(the one way our export writes each event\); first difference at column (\d+): found (.+), canonical (.+)$/;

describe("a line of an exported history", () => {
  it("has DESIGN.md's keys in order, integers as integers, data and metadata in canonical form", () => {
    expect(formatHistoryLine(event)).toBe(
      '{"streamName":"grant-ebygg","revision":2,"position":9007199254740993,"id":"0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68","type":"GrantAwarded",' +
        '"data":{"amount":330000000,"conditions":["Sluttrapport"],"grantId":"ebygg"},' +
        '"metadata":{"actor":"direktør@difi","commandId":"award-ebygg","prevHash":null},"recordedAt":"2009-06-19T10:00:00.000Z"}',
    );
  });

  it("reads back exactly, a position beyond 2^53 included", () => {
    const parsed = parseHistoryLine(formatHistoryLine(event), 1);
    expect(parsed).toEqual({ ...event, data: { amount: 330000000, conditions: ["Sluttrapport"], grantId: "ebygg" } });
    expect(parsed.position).toBe(9_007_199_254_740_993n);
  });

  it("gives the event's content hash, exactly computeEventHash's, with and without a hash in the metadata", () => {
    for (const each of [event, seal]) {
      const { event: parsed, contentHash } = parseHistoryLineWithHash(formatHistoryLine(each), 1);
      expect(contentHash).toBe(computeEventHash(each));
      expect(contentHash).toBe(computeEventHash(parsed));
      expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    // The hash covers the content, not the line's position or time.
    const moved = parseHistoryLineWithHash(formatHistoryLine({ ...seal, position: 99n, recordedAt: "2012-01-01T00:00:00.000Z" }), 1);
    expect(moved.contentHash).toBe(computeEventHash(seal));
    const changed = parseHistoryLineWithHash(formatHistoryLine({ ...seal, data: { ...seal.data, treeSize: 16 } }), 1);
    expect(changed.contentHash).not.toBe(computeEventHash(seal));
  });

  it("hashes data and metadata nested past core's fast path as computeEventHash does", () => {
    let deep: JsonObject = { leaf: "é" };
    for (let i = 0; i < 70; i++) deep = { d: [deep], n: i };
    const nested: RecordedEvent = { ...seal, data: deep, metadata: { ...seal.metadata, deep } };
    const { event: parsed, contentHash } = parseHistoryLineWithHash(formatHistoryLine(nested), 1);
    expect(parsed).toEqual(nested);
    expect(contentHash).toBe(computeEventHash(nested));
  });

  it.each([
    ["{not json", /^not JSON/],
    ["[1,2]", /^not a JSON object$/],
    ['{"streamName":"s"}', /^no revision$/],
    [formatHistoryLine(event).replace('"revision":2', '"revision":-1'), /^revision is not a non-negative JSON integer: -1$/],
    [formatHistoryLine(event).replace('"revision":2', '"revision":"2"'), /^revision is not a non-negative JSON integer: "2"$/],
    [formatHistoryLine(event).replace('"position":9007199254740993', '"position":1.5'), /^position is not a non-negative JSON integer: 1.5$/],
    [formatHistoryLine(event).replace('"position":9007199254740993', '"position": 9007199254740993'), /^position 9007199254740992 is beyond 2\^53 and was not written as our export writes it$/],
    [formatHistoryLine(event).replace('"data":{', '"data":[{').replace(',"metadata"', '],"metadata"'), /^data is not a JSON object$/],
    [formatHistoryLine(event).replace('"recordedAt"', '"extra":1,"recordedAt"'), /^unexpected key "extra"$/],
    [formatHistoryLine(event).replace('"streamName":"grant-ebygg"', '"streamName":""'), /^streamName is not a non-empty string$/],
    [formatHistoryLine(event).replace('"recordedAt":"2009-06-19T10:00:00.000Z"', '"recordedAt":null'), /^recordedAt is not a string$/],
  ])("refuses %s, naming what is wrong", (line, reason) => {
    expect(refusal(line)).toMatch(reason);
  });
});

describe("one reading of a line: only the canonical form is accepted", () => {
  const sealLine = formatHistoryLine(seal);

  /** The column and the two excerpts of a refusal for not being canonical. */
  const difference = (text: string): { column: number; found: string; canonical: string } => {
    const match = NOT_CANONICAL.exec(refusal(text));
    if (match === null) throw new Error(`not refused as not canonical: ${refusal(text)}`);
    return { column: Number(match[1]), found: match[2] as string, canonical: match[3] as string };
  };

  it("refuses the seal line with a space before a comma, which a prefix check once skipped", () => {
    const spaced = sealLine.replace('{"streamName":"seal",', '{"streamName":"seal" ,');
    expect(JSON.parse(spaced)).toEqual(JSON.parse(sealLine));
    expect(difference(spaced)).toEqual({ column: 21, found: '`…Name":"seal" ,"revision":0,"position":15…`', canonical: '`…Name":"seal","revision":0,"position":15,…`' });
  });

  it('refuses "se\\u0061l", an escape where none is needed, showing the escape', () => {
    const escaped = sealLine.replace('{"streamName":"seal",', '{"streamName":"se\\u0061l",');
    expect(JSON.parse(escaped).streamName).toBe("seal");
    expect(difference(escaped)).toEqual({ column: 18, found: '`…eamName":"se\\u0061l","revision":0,"posit…`', canonical: '`…eamName":"seal","revision":0,"position":…`' });
  });

  it("refuses a duplicate key, whichever copy JSON.parse would keep", () => {
    const first = sealLine.replace('"type":"SealRecorded",', '"type":"SealRecorded","type":"SealRecorded",');
    const second = sealLine.replace('"type":"SealRecorded",', '"type":"GrantAwarded","type":"SealRecorded",');
    const inData = sealLine.replace('"treeSize":15', '"treeSize":1,"treeSize":15');
    for (const text of [first, second, inData]) expect(JSON.parse(text)).toEqual(JSON.parse(sealLine));
    // The column of the first character that differs, from 1.
    expect(difference(first).column).toBe(sealLine.indexOf('"data"') + 2);
    expect(difference(second).column).toBe(sealLine.indexOf('"SealRecorded"') + 2);
    expect(difference(inData).column).toBe(sealLine.indexOf('"treeSize":15') + 13);
  });

  it("refuses another key order, of the line or in its data or metadata", () => {
    const { streamName, revision, position, id, type, data, metadata, recordedAt } = JSON.parse(sealLine) as Record<string, unknown>;
    expect(difference(JSON.stringify({ id, type, streamName, position, revision, data, metadata, recordedAt })).column).toBe(3);
    const dataAt = sealLine.indexOf('"data":{') + '"data":{'.length;
    expect(difference(sealLine.replace(canonicalJson(seal.data) as string, JSON.stringify(seal.data))).column).toBe(dataAt + 2);
    const metadataAt = sealLine.indexOf('"metadata":{') + '"metadata":{'.length;
    expect(difference(sealLine.replace(canonicalJson(seal.metadata) as string, JSON.stringify(seal.metadata))).column).toBe(metadataAt + 2);
  });

  const slashed = formatHistoryLine({ ...seal, metadata: { ...seal.metadata, actor: "revisor/difi ø" } });
  it.each([
    ["whitespace after a colon", sealLine.replace('"revision":0', '"revision": 0')],
    ["whitespace at the end", `${sealLine} `],
    ["a tab between tokens, shown escaped", sealLine.replace(',"id"', ',\t"id"')],
    ["an escaped slash", slashed.replace("/difi", "\\/difi")],
    ["a non-ASCII letter escaped", slashed.replace("ø", "\\u00f8")],
    ["an ASCII digit escaped", sealLine.replace('"seal-1"', '"seal-\\u0031"')],
    ["a string field's letter escaped", sealLine.replace('"SealRecorded"', '"\\u0053ealRecorded"')],
    ["a number with a fraction", sealLine.replace('"treeSize":15', '"treeSize":15.0')],
    ["a number with an exponent", sealLine.replace('"treeSize":15', '"treeSize":1.5e1')],
    ["minus zero", sealLine.replace('"treeSize":15', '"treeSize":-0').replace('"position":14', '"position":0')],
    ["an integer JSON.parse rounds", sealLine.replace('"treeSize":15', '"treeSize":9007199254740993')],
    ["a revision with a fraction", sealLine.replace('"revision":0', '"revision":0.0')],
  ])("refuses %s", (_name, text) => {
    expect(text).not.toBe(sealLine);
    expect(text).not.toBe(slashed);
    const { column, found, canonical } = difference(text);
    expect(column).toBeGreaterThan(1);
    expect(found).not.toBe(canonical);
    // eslint-disable-next-line no-control-regex -- no raw control character reaches the message
    expect(found).not.toMatch(/[\u0000-\u001f]/);
  });

  it("counts the column in characters and says where the line ends", () => {
    const line = formatHistoryLine({ ...seal, metadata: { actor: "😀ø", commandId: "c", prevHash: null } });
    const text = line.replace('"commandId"', ' "commandId"');
    expect(difference(text).column).toBe([...line.slice(0, line.indexOf('"commandId"'))].length + 1);
    expect(difference(`${sealLine}  `)).toMatchObject({ column: [...sealLine].length + 1, canonical: "the end of the line" });
  });

  it("has no line for a text with a lone surrogate, which RFC 8785 cannot write, and refuses one written by hand", () => {
    expect(() => formatHistoryLine({ ...seal, id: "a\ud800" })).toThrow(new TypeError("seal@0: id has a lone surrogate, which RFC 8785 cannot write"));
    expect(() => formatHistoryLine({ ...seal, data: { note: "\udc00" } })).toThrow(new TypeError("seal@0: data has a lone surrogate, which RFC 8785 cannot write"));
    expect(refusal(sealLine.replace('"id":"', '"id":"\\ud800'))).toBe("id has a lone surrogate, which RFC 8785 cannot write");
    expect(refusal(sealLine.replace('"root":', '"note":"\\udc00","root":'))).toBe("data has a lone surrogate, which RFC 8785 cannot write");
    expect(refusal(sealLine.replace('"actor":', '"\\udbff":1,"actor":'))).toBe("metadata has a lone surrogate, which RFC 8785 cannot write");
    expect(refusal(sealLine.replace('"recordedAt":"', '"recordedAt":"\\udfff'))).toBe("recordedAt has a lone surrogate, which RFC 8785 cannot write");
  });
});

/** JSON as a store returns it: what JSON.parse gives (so no -0: JSON writes it as 0). */
const json = fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const text = fc.string({ unit: "binary", maxLength: 12 });
const jsonObject = fc.dictionary(text, json, { maxKeys: 5 }).map((value) => JSON.parse(JSON.stringify(value)) as JsonObject);

const arbitraryEvent: fc.Arbitrary<RecordedEvent> = fc.record({
  streamName: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
  revision: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 2n ** 70n })),
  position: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 2n ** 70n })),
  id: fc.oneof(fc.uuid(), fc.string({ unit: "binary", minLength: 1, maxLength: 12 })),
  type: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
  data: jsonObject,
  metadata: fc.tuple(jsonObject, fc.option(fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), json), { nil: undefined })).map(([metadata, hash]) => (hash === undefined ? metadata : { ...metadata, hash }) as JsonObject),
  recordedAt: fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()), text),
}).map((recorded) => ({ ...recorded }));

describe("the line format, for arbitrary events", () => {
  it("reads back every line it writes as the same event, with computeEventHash's content hash", () => {
    fc.assert(
      fc.property(arbitraryEvent, (recorded) => {
        const line = formatHistoryLine(recorded);
        expect(line).not.toMatch(/[\n\r]/);
        const { event: parsed, contentHash } = parseHistoryLineWithHash(line, 1);
        expect(isDeepStrictEqual(parsed, recorded)).toBe(true);
        expect(contentHash).toBe(computeEventHash(recorded));
        expect(formatHistoryLine(parsed)).toBe(line);
      }),
      { numRuns: 1500 },
    );
  });

  const interesting = fc.constantFrom(" ", "\t", '"', "\\", ",", ":", "{", "}", "[", "]", "0", "1", "9", "-", ".", "e", "u", "a", "é", "😀");
  const character = fc.oneof(interesting, fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), character }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), character }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), character: fc.constant("") }),
  );

  it("either refuses a line with one character changed, inserted or deleted, or reads it as another event", () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryEvent, fc.constant(seal), fc.constant(event)), mutation, (recorded, { kind, at, character: c }) => {
        const line = formatHistoryLine(recorded);
        const where = at % (line.length + (kind === "insert" ? 1 : 0));
        const mutated = line.slice(0, where) + c + line.slice(kind === "insert" ? where : where + 1);
        fc.pre(mutated !== line);
        let parsed: RecordedEvent;
        try {
          parsed = parseHistoryLine(mutated, 1);
        } catch (error) {
          expect(error).toBeInstanceOf(HistoryLineError);
          return;
        }
        expect(isDeepStrictEqual(parsed, recorded)).toBe(false);
        expect(formatHistoryLine(parsed)).toBe(mutated);
      }),
      { numRuns: 5000 },
    );
  });

  it("refuses every other spelling that JSON.parse reads as the same: whitespace, escapes, key order", () => {
    const safe = arbitraryEvent.map((recorded) => ({ ...recorded, revision: recorded.revision % 2n ** 53n, position: recorded.position % 2n ** 53n }));
    const respelling = fc.oneof(
      fc.record({ kind: fc.constant("whitespace" as const), at: fc.nat(), n: fc.constantFrom(" ", "\t", "  ", " \t") }),
      fc.record({ kind: fc.constant("escape" as const), at: fc.nat(), n: fc.constant("") }),
      fc.record({ kind: fc.constant("reorder" as const), at: fc.nat(), n: fc.constant("") }),
    );
    const KEYS = ["streamName", "revision", "position", "id", "type", "data", "metadata", "recordedAt"];
    const spell = (line: string, { kind, at, n }: { kind: string; at: number; n: string }): string => {
      if (kind === "whitespace") {
        const where = at % (line.length + 1);
        return line.slice(0, where) + n + line.slice(where);
      }
      if (kind === "escape") {
        const where = at % line.length;
        return `${line.slice(0, where)}\\u${line.charCodeAt(where).toString(16).padStart(4, "0")}${line.slice(where + 1)}`;
      }
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const keys = [...KEYS];
      for (let i = keys.length - 1, seed = at; i > 0; i--, seed = Math.floor(seed / (i + 1))) {
        const j = seed % (i + 1);
        [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
      }
      return JSON.stringify(Object.fromEntries(keys.map((key) => [key, parsed[key]])));
    };
    const sameParse = (a: string, b: string): boolean => {
      try {
        return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(safe, respelling, (recorded, how) => {
        const line = formatHistoryLine(recorded);
        const other = spell(line, how);
        fc.pre(other !== line && sameParse(other, line));
        expect(() => parseHistoryLine(other, 1)).toThrow(HistoryLineError);
      }),
      { numRuns: 2000 },
    );
  });
});
