import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM_TYPE_BASE } from "@grantledger/core";
import { explainProblem } from "./explainProblems.js";

describe("explainProblem", () => {
  it("makes 404 of what the history does not hold, 400 of a bad field or query, with the error's figures", () => {
    const missing = explainProblem({ _tag: "SubjectNotFound", subject: { kind: "grant", grantId: "zz" }, position: 6n }, { instance: "/grants/zz/explain" });
    expect(missing).toMatchObject({
      type: `${DEFAULT_PROBLEM_TYPE_BASE}subject-not-found`,
      status: 404,
      code: "SubjectNotFound",
      detail: "no grant zz in the history as of position 6.",
      instance: "/grants/zz/explain",
      subject: { kind: "grant", grantId: "zz" },
      position: "6",
    });
    expect(explainProblem({ _tag: "ScopeNotFound", scope: "round", id: "r9", position: undefined }).status).toBe(404);
    const field = explainProblem({ _tag: "UnknownFigureField", subject: { kind: "round", roundId: "r1" }, field: "x", fields: ["budget"] });
    expect(field).toMatchObject({ status: 400, code: "UnknownFigureField", field: "x", fields: ["budget"] });
    expect(explainProblem({ _tag: "InvalidFigureQuery", query: { subject: { kind: "round", roundId: "r1" }, field: "budget", roundId: "r1" }, reason: "no scope" }).status).toBe(400);
    expect(explainProblem({ _tag: "InvalidAsOf", projection: "explain", option: "knownAt", value: "yesterday" }).status).toBe(400);
    expect(explainProblem({ _tag: "PartsDoNotSum", query: { subject: { kind: "round", roundId: "r1" }, field: "budget" }, figure: 1, sum: 2 }).status).toBe(500);
  });
});
