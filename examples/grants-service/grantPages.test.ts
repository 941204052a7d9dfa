import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { startTestService, type TestService } from "./testService.testkit.js";

/*
 * GET /grants is paged: grant-id order, a limit, a cursor in `next` (and a Link header) that
 * keeps the limit and filters, every grant exactly once across the pages, bad parameters 400.
 */
describe("GET /grants in pages", () => {
  let service: TestService;
  const ids = ["g05", "g01", "g04", "g02", "g03"];
  beforeAll(async () => {
    service = await startTestService();
    expect((await service.post("/rounds", request.openRound())).status).toBe(201);
    for (const id of ids) expect((await service.post("/grants", request.apply(id))).status).toBe(201);
    expect((await service.post("/grants/g02/evaluation", request.evaluate())).status).toBeLessThan(300);
  });
  afterAll(() => service.close());

  const grantIds = (body: unknown): string[] => (body as { grants: { grantId: string }[] }).grants.map((grant) => grant.grantId);

  it("walks every grant exactly once, in grant-id order, following next", async () => {
    const seen: string[] = [];
    let path: string | null = "/grants?limit=2";
    let pages = 0;
    while (path !== null) {
      const answer = await service.get(path);
      expect(answer.status).toBe(200);
      const body = answer.body as { next: string | null };
      seen.push(...grantIds(body));
      path = body.next;
      pages += 1;
    }
    expect(seen).toEqual(["g01", "g02", "g03", "g04", "g05"]);
    expect(pages).toBe(3);
  });

  it("gives the next page's link in a Link header too, with the filters kept", async () => {
    const answer = await service.get("/grants?limit=1&status=applied");
    expect(grantIds(answer.body)).toEqual(["g01"]);
    expect((answer.body as { next: string }).next).toBe("/grants?after=g01&limit=1&status=applied");
    expect(answer.headers.get("link")).toBe('</grants?after=g01&limit=1&status=applied>; rel="next"');
    const second = await service.get((answer.body as { next: string }).next);
    expect(grantIds(second.body)).toEqual(["g03"]); // g02 was evaluated
  });

  it("filters by round", async () => {
    expect(grantIds((await service.get("/grants?round=krise-2009-1")).body)).toHaveLength(5);
    expect((await service.get("/grants?round=another")).body).toEqual({ grants: [], next: null });
  });

  it.each([
    ["/grants?limit=0", "limit"],
    ["/grants?limit=1001", "limit"],
    ["/grants?limit=ten", "limit"],
    ["/grants?status=approved", "status"],
  ])("refuses %s with 400 naming the parameter", async (path, parameter) => {
    const answer = await service.get(path);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "InvalidQuery", parameter });
  });
});
