import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { checkPageRequest, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, pageOf } from "./pageRequest.js";

describe("page requests", () => {
  it("default to the first page of DEFAULT_PAGE_LIMIT rows", () => {
    expect(checkPageRequest({})).toEqual(E.right({ after: "", limit: DEFAULT_PAGE_LIMIT }));
    expect(checkPageRequest({ after: "g7", limit: MAX_PAGE_LIMIT })).toEqual(E.right({ after: "g7", limit: MAX_PAGE_LIMIT }));
  });

  it.each([0, -1, 1.5, MAX_PAGE_LIMIT + 1, Number.NaN])("refuse a limit of %s, naming the field", (limit) => {
    expect(checkPageRequest({ limit })).toEqual(E.left({ _tag: "InvalidPageRequest", field: "limit", value: limit, reason: `a whole number from 1 to ${MAX_PAGE_LIMIT}` }));
  });

  it("refuse an empty or overlong cursor", () => {
    expect(checkPageRequest({ after: "" })).toMatchObject(E.left({ _tag: "InvalidPageRequest", field: "after", value: "" }));
    expect(checkPageRequest({ after: "x".repeat(501) })).toMatchObject(E.left({ field: "after" }));
  });

  it("give a next cursor only when a row beyond the limit was fetched", () => {
    const fetched = [["a", 1], ["b", 2], ["c", 3]] as const;
    expect(pageOf(fetched, 2, (n) => n * 10)).toEqual({ rows: [10, 20], next: "b" });
    expect(pageOf(fetched, 3, (n) => n)).toEqual({ rows: [1, 2, 3], next: undefined });
  });
});
