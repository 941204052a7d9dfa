import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";

let fixture: CliFixture;

beforeAll(async () => {
  fixture = await createCliFixture("read");
  const from = ["--from", fixture.file];
  await fixture.runAll({
    historyA: ["history", "a", ...from],
    historyC: ["history", "c", ...from],
    historyMissing: ["history", "zz", ...from],
    municipalities: ["totals", "--by", "municipality", ...from],
    roundsCsv: ["totals", "--by", "round", "--format", "csv", ...from],
    grantsAtPosition: ["totals", "--by", "grant", "--at-position", "8", "--format", "json", ...from],
    grantsAsOf: ["totals", "--by", "grant", "--as-of", "2009-06-01T00:09:30Z", "--format", "csv", ...from],
    badAsOf: ["totals", "--by", "grant", "--as-of", "31.12.2010", ...from],
    badBy: ["totals", "--by", "county", ...from],
    bothLimits: ["totals", "--by", "grant", "--as-of", "2010-01-01T00:00:00Z", "--at-position", "3", ...from],
  });
});

afterAll(() => fixture.remove());

describe("grantledger history", () => {
  it("tells an awarded grant's story in NOK, commitments from its round included", () => {
    const { code, stdout, stderr } = fixture.run("historyA");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const lines = stdout.split("\n");
    expect(lines[0]).toBe('Grant a (tilskudd): "Elektronisk byggesøknad"');
    expect(lines[1]).toBe("Round krise-2009-1 (utlysning): Krisepakke 2009, runde 1, funded by Direktoratet for forvaltning og IKT");
    const story = lines.filter((line) => /^\d{4}-\d\d-\d\d {2}/.test(line));
    expect(story.map((line) => line.slice(12).split(" ")[0])).toEqual(["Applied", "Evaluated", "Committed", "Awarded", "Disbursed", "Disbursed", "Benefits"]);
    expect(stdout).toContain("total cost 500 000,00 kr, requested 100 000,00 kr");
    expect(stdout).toContain("For (deltakere): Bergen (kommune 1201) 60,00 %; Askøy (kommune 1247) 30,00 %; Hordaland (fylke 12) 10,00 %");
    expect(stdout).toContain("2009-06-15  Awarded (tildelt) 50 000,00 kr");
    expect(stdout).toContain("Committed (bundet) 50 000,00 kr of round krise-2009-1's budget");
    expect(stdout).toContain("Disbursed (utbetalt) 25 000,00 kr, payment P-2010-1: 50 000,00 kr of 50 000,00 kr paid so far");
    expect(stdout).toContain("recorded 2009-06-01T00:08:00.000Z by direktør@difi (grant-a@2, position 8)");
    expect(lines.filter((line) => line !== "").pop()).toBe("Status: awarded (tildelt); 50 000,00 kr of 50 000,00 kr disbursed (utbetalt), 0,00 kr still to pay");
  });

  it("tells a rejection with its reason", () => {
    const { code, stdout } = fixture.run("historyC");
    expect(code).toBe(0);
    expect(stdout).toContain("2009-06-15  Rejected (avslått): Prosjektet er ikke samordnet med andre kommuner");
    expect(stdout.trim().split("\n").pop()).toBe("Status: rejected (avslått)");
  });

  it("says so, in one line, for a grant the history does not hold", () => {
    const { code, stdout, stderr } = fixture.run("historyMissing");
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(/^error: no grant "zz" in .*history\.ndjson: stream grant-zz has no events\n$/);
  });
});

describe("grantledger totals", () => {
  it("totals by municipality, split by share to the øre, with a total line", () => {
    const { code, stdout, stderr } = fixture.run("municipalities");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^Totals by municipality in .*history\.ndjson, as of position 15$/);
    expect(lines.find((line) => line.startsWith("municipality  1201"))).toMatch(/Bergen\s+3\s+144 000,00 kr\s+72 000,00 kr\s+30 000,00 kr/);
    expect(lines.find((line) => line.startsWith("county"))).toMatch(/Hordaland\s+3\s+24 000,00 kr\s+12 000,00 kr\s+5 000,00 kr/);
    expect(lines.find((line) => line.startsWith("Total "))).toMatch(/240 000,00 kr\s+120 000,00 kr\s+50 000,00 kr/);
  });

  it("writes round budgets as CSV with decimal NOK", () => {
    expect(fixture.run("roundsCsv")).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "round_id,name,budget_nok,committed_nok,disbursed_nok,remaining_nok,applications,awarded,rejected,pending,closed_at," +
        "scheme_id,adjustments_nok,carried_over_nok,carried_in_nok,released_nok,reversed_nok,repaid_nok,dismissed,appealed,withdrawn,renounced,grants_closed\n" +
        'krise-2009-1,"Krisepakke 2009, runde 1",20000000.00,120000.00,50000.00,19880000.00,3,2,1,0,,,0.00,0.00,0.00,0.00,0.00,0.00,0,0,0,0,0\n',
    });
  });

  it("answers as of a global position, in JSON with amounts in øre", () => {
    const { code, stdout } = fixture.run("grantsAtPosition");
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { asOf: { position: number }; amountsIn: string; rows: { grantId: string; status: string; awarded: number }[] };
    expect(answer.asOf.position).toBe(8);
    expect(answer.amountsIn).toBe("øre");
    expect(answer.rows.map(({ grantId, status, awarded }) => [grantId, status, awarded])).toEqual([
      ["a", "awarded", 50_000_00],
      ["b", "evaluated", 0],
      ["c", "evaluated", 0],
    ]);
  });

  it("answers as of a recorded time", () => {
    const { code, stdout } = fixture.run("grantsAsOf");
    expect(code).toBe(0);
    // Recorded by 00:09:30 (one event a minute from 00:00): positions 0-9, so a is awarded and b not yet.
    expect(stdout.split("\n").slice(1, 3).map((line) => line.split(",").slice(0, 3).join(","))).toEqual(["a,krise-2009-1,awarded", "b,krise-2009-1,evaluated"]);
  });

  it("refuses a time without a zone, an unknown view and both limits at once (exit 2)", () => {
    for (const [name, message] of [
      ["badAsOf", /^error: --as-of "31\.12\.2010" is not an ISO-8601 time with a zone/],
      ["badBy", /^error: option '--by <view>' argument 'county' is invalid\. Allowed choices are municipality, round, grant, payee\./],
      ["bothLimits", /^error: option '--as-of <time>' cannot be used with option '--at-position <n>'/],
    ] as const) {
      const { code, stdout, stderr } = fixture.run(name);
      expect({ name, code, stdout }).toEqual({ name, code: 2, stdout: "" });
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});
