import { describe, expect, it } from "vitest";
import { problemTypeOf } from "@grantledger/core";
import { ENGINE_PROBLEMS, engineProblem } from "./engineProblems.js";
import type { GrantEngineError } from "./grantEngine.js";

// One error of every tag `settled()` returns; the compiler refuses a tag left out.
const SAMPLES: { readonly [K in GrantEngineError["_tag"]]: Extract<GrantEngineError, { readonly _tag: K }> } = {
  StoreUnavailable: { _tag: "StoreUnavailable", operation: "readAll", reason: "connection refused" },
  StoreClosed: { _tag: "StoreClosed", operation: "readAll" },
  EventStoreFailed: { _tag: "EventStoreFailed", projection: "grant-register", error: { _tag: "StoreUnavailable", operation: "readAll", reason: "timeout" } },
  ReadModelStoreFailed: { _tag: "ReadModelStoreFailed", name: "grant-register", operation: "save", reason: "disk full" },
  RunnerNotRunning: { _tag: "RunnerNotRunning", projection: "grant-register", position: 9_007_199_254_740_993n, checkpoint: 3n },
  PoisonEvent: { _tag: "PoisonEvent", projection: "round-budget", streamName: "grant-g1", revision: 3n, position: 41n, type: "GrantDisbursed", reason: "expected Money, found -5", path: "event.data.amount" },
  InvalidAsOf: { _tag: "InvalidAsOf", projection: "round-budget", option: "knownAt", value: "soon" },
};

describe("the engine's problems (RFC 9457)", () => {
  it("map every tag settled() returns, each to a type of its own", () => {
    const tags = Object.keys(SAMPLES) as (keyof typeof SAMPLES)[];
    expect(Object.keys(ENGINE_PROBLEMS).sort()).toEqual([...tags].sort());
    expect(new Set(tags.map((tag) => engineProblem(SAMPLES[tag]).type)).size).toBe(tags.length);
    for (const tag of tags) expect(engineProblem(SAMPLES[tag])).toMatchObject({ code: tag, type: problemTypeOf(tag), detail: expect.stringMatching(/[.]$/) });
  });

  it("answer 503 for what may come back, 500 for what will not", () => {
    const status = (error: GrantEngineError): number => engineProblem(error).status;
    expect([SAMPLES.StoreUnavailable, SAMPLES.StoreClosed, SAMPLES.EventStoreFailed, SAMPLES.ReadModelStoreFailed, SAMPLES.RunnerNotRunning].map(status)).toEqual([503, 503, 503, 503, 503]);
    expect(status({ _tag: "EventStoreFailed", projection: "p", error: { _tag: "StreamDeleted", streamName: "s" } })).toBe(500);
    expect(status(SAMPLES.PoisonEvent)).toBe(500);
    expect(status(SAMPLES.InvalidAsOf)).toBe(400);
  });

  it("carry the figures as JSON keeps them: bigints as strings, the store's error nested", () => {
    expect(engineProblem(SAMPLES.PoisonEvent, { instance: "/grants" })).toEqual({
      type: problemTypeOf("PoisonEvent"),
      title: "Poison event",
      status: 500,
      detail: "projection round-budget stopped at GrantDisbursed at grant-g1@3 (position 41): event.data.amount: expected Money, found -5.",
      instance: "/grants",
      code: "PoisonEvent",
      projection: "round-budget",
      streamName: "grant-g1",
      revision: "3",
      position: "41",
      eventType: "GrantDisbursed",
      reason: "expected Money, found -5",
      path: "event.data.amount",
    });
    expect(engineProblem(SAMPLES.RunnerNotRunning)).toMatchObject({ position: "9007199254740993", checkpoint: "3" });
    expect(engineProblem(SAMPLES.EventStoreFailed)).toMatchObject({ error: { _tag: "StoreUnavailable", operation: "readAll", reason: "timeout" } });
  });
});
