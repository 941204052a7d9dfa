import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { SEAL_STREAM } from "../audit/streamHeads.js";
import { buildRuleHistory } from "../audit/ruleReplay.testkit.js";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";

type JsonValue = unknown;
import { decodeRecordedEvent, recordedEventDecodeFailure } from "./decodeEvent.js";

/** What decodeRecordedEvent says of an event: where and why it fails, or undefined. */
const decodeVerdict = (event: RecordedEvent): { path: string; reason: string } | undefined => {
  const decoded = decodeRecordedEvent(event);
  return E.isLeft(decoded) ? { path: decoded.left.path, reason: decoded.left.reason } : undefined;
};

const REPLACEMENTS: readonly JsonValue[] = [undefined, null, true, 0, -1, 1.5, 2 ** 60, "", " ", "x", "2009-02-30", "0".repeat(64), [], {}, [1], { a: 1 }];

/** Every event with one value somewhere in its data or metadata replaced (or removed, for `undefined`). */
function* mutations(value: JsonValue, replace: (next: JsonValue) => JsonObject): Generator<JsonObject> {
  for (const next of REPLACEMENTS) yield replace(next);
  if (typeof value !== "object" || value === null) return;
  const entries: [string | number, JsonValue][] = Array.isArray(value) ? value.map((item: JsonValue, index) => [index, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    yield* mutations(item, (next) => {
      const copy: Record<string | number, JsonValue> | JsonValue[] = Array.isArray(value) ? [...(value as JsonValue[])] : { ...(value as JsonObject) };
      if (next === undefined) {
        if (Array.isArray(copy)) copy.splice(Number(key), 1);
        else delete copy[key];
      } else (copy as Record<string | number, JsonValue>)[key] = next;
      return replace(copy);
    });
  }
}

describe("recordedEventDecodeFailure", () => {
  it("says what decodeRecordedEvent says of every event of a history, and of every one-value change to its data or metadata", async () => {
    const events = (await buildRuleHistory()).log.filter((event) => event.streamName !== SEAL_STREAM);
    let failures = 0;
    let checked = 0;
    for (const event of events) {
      const variants: RecordedEvent[] = [event, { ...event, type: "NoSuchEvent" }];
      for (const data of mutations(event.data, (next) => next as JsonObject)) variants.push({ ...event, data });
      for (const metadata of mutations(event.metadata, (next) => next as JsonObject)) variants.push({ ...event, metadata });
      for (const variant of variants) {
        const verdict = decodeVerdict(variant);
        expect(recordedEventDecodeFailure(variant)).toEqual(verdict);
        // Hashes a verifier found equal to ones it computed are left out, and change nothing then.
        const metadata = variant.metadata as JsonObject | null;
        const hashes = typeof metadata === "object" && metadata !== null ? [metadata["hash"], metadata["prevHash"]] : [];
        if (typeof hashes[0] === "string" && /^[0-9a-f]{64}$/.test(hashes[0]) && (hashes[1] === null || (typeof hashes[1] === "string" && /^[0-9a-f]{64}$/.test(hashes[1])))) {
          expect(recordedEventDecodeFailure(variant, true)).toEqual(verdict);
        }
        if (verdict !== undefined) failures++;
        checked++;
      }
    }
    // The changes reach both verdicts, many times over.
    expect(failures).toBeGreaterThan(1000);
    expect(checked - failures).toBeGreaterThan(100);
  });
});
