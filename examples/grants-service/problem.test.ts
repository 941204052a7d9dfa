import { describe, expect, it } from "vitest";
import { conflict, internal } from "./explanation.js";
import { problemResponse, problemTypeOf, titleOf, toProblem, PROBLEM_TYPE_BASE } from "./problem.js";

describe("problems", () => {
  it("take their title and type from the error's tag, keeping acronyms", () => {
    expect(titleOf("AwardExceedsRemainingBudget")).toBe("Award exceeds remaining budget");
    expect(titleOf("MalformedJSON")).toBe("Malformed JSON");
    expect(problemTypeOf("MalformedJSON")).toBe(`${PROBLEM_TYPE_BASE}malformed-json`);
  });

  it("carry the error's fields, renaming those that share a standard member's name", () => {
    const error = { _tag: "GrantNotAwarded", grantId: "ebygg", status: "rejected" } as const;
    expect(toProblem(error, conflict("Grant ebygg is rejected, not awarded."), "/grants/ebygg/disbursements")).toEqual({
      type: `${PROBLEM_TYPE_BASE}grant-not-awarded`,
      title: "Grant not awarded",
      status: 409,
      detail: "Grant ebygg is rejected, not awarded.",
      instance: "/grants/ebygg/disbursements",
      code: "GrantNotAwarded",
      grantId: "ebygg",
      grantStatus: "rejected",
    });
  });

  it("are application/problem+json, with bigints as strings", async () => {
    const error = { _tag: "UnexpectedEventInStream", streamName: "grant-x", revision: 9_007_199_254_740_993n, type: "RoundOpened" } as const;
    const response = problemResponse(toProblem(error, internal("…"), "/grants/x/evaluation"));
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await response.json()).toMatchObject({ revision: "9007199254740993", eventType: "RoundOpened" });
  });
});
