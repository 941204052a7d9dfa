import { describe, expect, it } from "vitest";
import { StreamCache, type CachedStream } from "./streamCache.js";
import { grantModel, roundModel } from "./streamModels.js";
import type { GrantState } from "../deciders/grantState.js";

const entry = (revision: bigint): CachedStream<GrantState> => ({
  model: grantModel,
  state: grantModel.initialState,
  revision,
  lastHash: null,
  commandIds: new Set(),
});

describe("StreamCache", () => {
  it("evicts the least recently used stream beyond its bound", () => {
    const cache = new StreamCache(2);
    cache.set("grant-a", entry(0n));
    cache.set("grant-b", entry(0n));
    expect(cache.get("grant-a", grantModel)).toBeDefined(); // a is now the most recent
    cache.set("grant-c", entry(0n));
    expect(cache.size).toBe(2);
    expect(cache.get("grant-b", grantModel)).toBeUndefined();
    expect(cache.get("grant-a", grantModel)?.revision).toBe(0n);
    expect(cache.get("grant-c", grantModel)).toBeDefined();
  });

  it("replaces a stream's entry without growing", () => {
    const cache = new StreamCache(2);
    cache.set("grant-a", entry(0n));
    cache.set("grant-a", entry(1n));
    expect(cache.size).toBe(1);
    expect(cache.get("grant-a", grantModel)?.revision).toBe(1n);
  });

  it("with a bound of 0 keeps nothing", () => {
    const cache = new StreamCache(0);
    cache.set("grant-a", entry(0n));
    expect(cache.size).toBe(0);
    expect(cache.get("grant-a", grantModel)).toBeUndefined();
  });

  it("gives an entry back only for the model it was folded with", () => {
    const cache = new StreamCache(2);
    cache.set("grant-a", entry(0n));
    expect(cache.get("grant-a", roundModel)).toBeUndefined();
  });

  it("forgets a deleted stream", () => {
    const cache = new StreamCache(2);
    cache.set("grant-a", entry(0n));
    cache.delete("grant-a");
    expect(cache.get("grant-a", grantModel)).toBeUndefined();
  });
});
