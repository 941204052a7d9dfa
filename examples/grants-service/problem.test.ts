import { describe, expect, it } from "vitest";
import { ledgerProblem, toProblem } from "@grantledger/core";
import { internal } from "./explanation.js";
import { problemResponse, PROBLEM_TYPE_BASE } from "./problem.js";

describe("problems", () => {
  it("are application/problem+json with the problem's status, the library's figures as sent", async () => {
    const error = { _tag: "UnexpectedEventInStream", streamName: "grant-x", revision: 9_007_199_254_740_993n, type: "RoundOpened" } as const;
    const response = problemResponse(ledgerProblem(error, { instance: "/grants/x/evaluation", typeBase: PROBLEM_TYPE_BASE }));
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await response.json()).toMatchObject({ code: "UnexpectedEventInStream", revision: "9007199254740993", eventType: "RoundOpened", instance: "/grants/x/evaluation" });
  });

  it("give the service's own errors the same shape, with the headers they need", async () => {
    const error: { readonly _tag: "UnexpectedFailure" } = { _tag: "UnexpectedFailure" };
    const response = problemResponse(toProblem(error, internal("The service failed."), { instance: "", typeBase: PROBLEM_TYPE_BASE }), { "retry-after": "5" });
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ type: `${PROBLEM_TYPE_BASE}unexpected-failure`, title: "Unexpected failure", status: 500, detail: "The service failed.", instance: "", code: "UnexpectedFailure" });
  });
});
