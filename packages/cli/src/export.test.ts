import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliFixture, type CliFixture } from "./testkit/historyFiles.testkit.js";
import { threeSixtyGivingValidator } from "./testkit/threeSixtyGivingSchema.testkit.js";

let fixture: CliFixture;
const out = (name: string) => join(fixture.dir, name);

beforeAll(async () => {
  fixture = await createCliFixture("export");
  const from = ["--from", fixture.file];
  await fixture.runAll({
    ndjson: ["export", ...from],
    ndjsonFile: ["export", "--format", "ndjson", "--out", out("again.ndjson"), ...from],
    csv: ["export", "--format", "csv", ...from],
    giving: ["export", "--format", "360giving", "--out", out("360giving.json"), ...from],
    badFormat: ["export", "--format", "xml", ...from],
    badOut: ["export", "--out", out("no/such/dir/x.ndjson"), ...from],
  });
});

afterAll(() => fixture.remove());

describe("grantledger export", () => {
  it("writes NDJSON exactly as read: key order, integers, global order", () => {
    const { code, stdout, stderr } = fixture.run("ndjson");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(fixture.text);
    const first = stdout.split("\n")[0] ?? "";
    expect(Object.keys(JSON.parse(first) as object)).toEqual(["streamName", "revision", "position", "id", "type", "data", "metadata", "recordedAt"]);
    expect(first).toMatch(/^\{"streamName":"round-krise-2009-1","revision":0,"position":0,"id":"[0-9a-f-]{36}","type":"RoundOpened",/);
  });

  it("writes a file whole with --out, and says so on stderr", async () => {
    expect(fixture.run("ndjsonFile")).toMatchObject({ code: 0, stdout: "" });
    expect(fixture.run("ndjsonFile").stderr).toMatch(/^wrote 16 events to .*again\.ndjson\n$/);
    expect(await readFile(out("again.ndjson"), "utf8")).toBe(fixture.text);
  });

  it("writes the grant register as CSV", () => {
    const { code, stdout } = fixture.run("csv");
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split("\r\n");
    expect(header).toBe(
      "grant_id,round_id,status,applicant_org_no,applicant_name,applicant_kind,title,total_cost_nok,requested_nok,score,recommendation,awarded_nok,disbursed_nok,applied_at,evaluated_at,decided_at,last_disbursed_at,rejection_reason",
    );
    expect(rows.map((row) => row.split(",").slice(0, 3).join(","))).toEqual(["a,krise-2009-1,awarded", "b,krise-2009-1,awarded", "c,krise-2009-1,rejected"]);
    expect(rows[0]).toContain(",500000.00,100000.00,80,award,50000.00,50000.00,");
  });

  it("writes awarded grants as 360Giving JSON that validates against the standard's schema", async () => {
    expect(fixture.run("giving")).toMatchObject({ code: 0, stdout: "" });
    const data = JSON.parse(await readFile(out("360giving.json"), "utf8")) as { grants: Record<string, unknown>[] };
    const validate = threeSixtyGivingValidator();
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.grants.map((grant) => grant["id"])).toEqual(["360G-NO-BRC-991825827-a", "360G-NO-BRC-991825827-b"]);
    expect(data.grants[0]).toMatchObject({
      currency: "NOK",
      amountAppliedFor: 100_000,
      amountAwarded: 50_000,
      amountDisbursed: 50_000,
      recipientOrganization: [{ id: "NO-BRC-964338531", name: "Bergen kommune" }],
      fundingOrganization: [{ id: "NO-BRC-991825827", name: "Direktoratet for forvaltning og IKT" }],
      beneficiaryLocation: [
        { name: "Bergen", countryCode: "NO", geoCode: "1201", geoCodeType: "kommunenummer" },
        { name: "Askøy", countryCode: "NO", geoCode: "1247", geoCodeType: "kommunenummer" },
        { name: "Hordaland", countryCode: "NO", geoCode: "12", geoCodeType: "fylkesnummer" },
      ],
      disbursementTransaction: [
        { currency: "NOK", value: 25_000, transactionDate: "2009-07-02T09:00:00+02:00" },
        { currency: "NOK", value: 25_000, transactionDate: "2010-07-02T09:00:00+02:00" },
      ],
    });
    expect(data.grants[1]).toMatchObject({ amountAwarded: 70_000, amountDisbursed: 0, disbursementTransaction: [] });
  });

  it("is caught by the schema when a required field is missing", async () => {
    const data = JSON.parse(await readFile(out("360giving.json"), "utf8")) as { grants: Record<string, unknown>[] };
    delete data.grants[0]?.["currency"];
    expect(threeSixtyGivingValidator()(data)).toBe(false);
  });

  it("refuses an unknown format (exit 2) and names a file it cannot write (exit 1)", () => {
    expect(fixture.run("badFormat")).toMatchObject({ code: 2, stdout: "" });
    expect(fixture.run("badFormat").stderr).toMatch(/^error: option '--format <format>' argument 'xml' is invalid/);
    expect(fixture.run("badOut")).toMatchObject({ code: 1, stdout: "" });
    expect(fixture.run("badOut").stderr).toMatch(/^error: cannot write .*no\/such\/dir\/x\.ndjson: ENOENT/);
  });
});
