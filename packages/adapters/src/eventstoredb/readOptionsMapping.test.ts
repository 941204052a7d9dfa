import { BACKWARDS, END, FORWARDS, START } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import type { ReadStreamOptions } from "@grantledger/core";
import { countLimit, isAfter, planStreamRead, startAfter } from "./readOptionsMapping.js";
import type { StreamReadPlan } from "./readOptionsMapping.js";

describe("maxCount", () => {
  it.each<[number | undefined, number]>([
    [undefined, Infinity],
    [3, 3],
    [2.7, 2],
    [0, 0],
    [-4, 0],
    [Number.NaN, 0],
  ])("%s means %s events", (maxCount, limit) => {
    expect(countLimit(maxCount)).toBe(limit);
  });
});

describe("a stream read in the client's terms", () => {
  it.each<[ReadStreamOptions | undefined, StreamReadPlan]>([
    [undefined, { kind: "read", direction: FORWARDS, fromRevision: START, limit: Infinity }],
    [{ direction: "backwards" }, { kind: "read", direction: BACKWARDS, fromRevision: END, limit: Infinity }],
    [{ fromRevision: 2n, maxCount: 3 }, { kind: "read", direction: FORWARDS, fromRevision: 2n, limit: 3 }],
    [{ direction: "backwards", fromRevision: 0n }, { kind: "read", direction: BACKWARDS, fromRevision: 0n, limit: Infinity }],
    [{ fromRevision: -5n, maxCount: 1 }, { kind: "read", direction: FORWARDS, fromRevision: START, limit: 1 }],
    [{ direction: "backwards", fromRevision: -1n }, { kind: "existence" }],
    [{ maxCount: 0 }, { kind: "existence" }],
    [{ fromRevision: 2n ** 64n }, { kind: "existence" }],
    [{ direction: "backwards", fromRevision: 2n ** 64n }, { kind: "read", direction: BACKWARDS, fromRevision: END, limit: Infinity }],
  ])("%o is planned as %o", (options, plan) => {
    expect(planStreamRead(options)).toEqual(plan);
  });
});

describe("positions", () => {
  it("starts a read after a position at that position, where the server includes the event", () => {
    expect(startAfter(undefined)).toBe(START);
    expect(startAfter(-1n)).toBe(START);
    expect(startAfter(0n)).toEqual({ commit: 0n, prepare: 0n });
    expect(startAfter(123_456n)).toEqual({ commit: 123_456n, prepare: 123_456n });
    expect(startAfter(2n ** 63n)).toBe(END);
  });

  it("keeps only what is strictly after", () => {
    expect(isAfter(10n, undefined)).toBe(true);
    expect(isAfter(10n, 9n)).toBe(true);
    expect(isAfter(10n, 10n)).toBe(false);
    expect(isAfter(10n, 11n)).toBe(false);
  });
});
