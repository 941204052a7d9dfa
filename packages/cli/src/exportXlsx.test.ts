import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";
import { createFilterHistoryFile, type FilterHistoryFile } from "./testkit/filterHistory.testkit.js";
import { runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";

let history: FilterHistoryFile;

const runInProcess = async (args: readonly string[]): Promise<CliRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["node", "grantledger", ...args, "--from", history.file], { out: (line) => out.push(line), err: (line) => err.push(line) });
  const text = (lines: readonly string[]) => lines.map((line) => `${line}\n`).join("");
  return { code, stdout: text(out), stderr: text(err) };
};

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

// Each sheet's columns as the JSON of `totals` names them: [header, field, kind]. Written out
// by hand here, so that the workbook is checked against the JSON, not against its own columns.
type Kind = "text" | "count" | "money";
const COLUMNS: Readonly<Record<string, readonly (readonly [string, string, Kind])[]>> = {
  municipality: [
    ["Kind", "kind", "text"],
    ["No.", "id", "text"],
    ["Name", "name", "text"],
    ["Projects", "projects", "count"],
    ["Requested (søkt)", "requested", "money"],
    ["Awarded (tildelt)", "awarded", "money"],
    ["Disbursed (utbetalt)", "disbursed", "money"],
    ["Benefits (gevinst)", "benefitsNok", "money"],
    ["Repaid (tilbakebetalt)", "repaid", "money"],
    ["Returned unpaid", "returned", "money"],
  ],
  round: [
    ["Round (utlysning)", "roundId", "text"],
    ["Budget", "budget", "money"],
    ["Committed (bundet)", "committed", "money"],
    ["Disbursed (utbetalt)", "disbursed", "money"],
    ["Remaining (ledig)", "remaining", "money"],
    ["Applied", "applications", "count"],
    ["Awarded", "awarded", "count"],
    ["Rejected", "rejected", "count"],
    ["Pending", "pending", "count"],
    ["Released (frigitt)", "released", "money"],
    ["Repaid (tilbakebetalt)", "repaid", "money"],
  ],
  grant: [
    ["Grant (tilskudd)", "grantId", "text"],
    ["Round", "roundId", "text"],
    ["Status", "status", "text"],
    ["Requested (søkt)", "requested", "money"],
    ["Awarded (tildelt)", "awarded", "money"],
    ["Disbursed (utbetalt)", "disbursed", "money"],
    ["Repaid (tilbakebetalt)", "repaid", "money"],
    ["Paid net", "paidNet", "money"],
    ["Open claims", "openClaims", "money"],
  ],
  payee: [
    ["Org. no.", "orgNo", "text"],
    ["Payee (tilskuddsmottaker)", "name", "text"],
    ["Grants", "grants", "count"],
    ["Awarded", "awardedGrants", "count"],
    ["Rejected", "rejectedGrants", "count"],
    ["Pending", "pendingGrants", "count"],
    ["Withdrawn", "withdrawnGrants", "count"],
    ["Requested (søkt)", "requested", "money"],
    ["Awarded (tildelt)", "awarded", "money"],
    ["Disbursed (utbetalt)", "disbursed", "money"],
    ["Repaid (tilbakebetalt)", "repaid", "money"],
    ["Paid net", "paidNet", "money"],
    ["Open claims", "openClaims", "money"],
  ],
};
const SHEETS: Readonly<Record<string, string>> = { municipality: "Municipalities", round: "Rounds", grant: "Grants", payee: "Payees" };

const FILTERS: Readonly<Record<string, readonly string[]>> = {
  all: [],
  scheme: ["--scheme", "krise-2009"],
  round: ["--round", "digi-2010"],
  county: ["--county", "12"],
  roundInCounty: ["--round", "krise-2009-1", "--county", "03"],
  // Awarded in December 2009, paid in June 2010: in effect on 1 January 2010, nothing is paid yet.
  inEffect: ["--in-effect-on", "2010-01-01"],
  knownAtInCounty: ["--at-position", "12", "--county", "12"],
};

const workbooks = new Map<string, { run: CliRun; workbook: ExcelJS.Workbook | undefined }>();
const totals = new Map<string, Record<string, unknown>[]>();

beforeAll(async () => {
  history = await createFilterHistoryFile("xlsx");
  for (const [name, args] of Object.entries(FILTERS)) {
    const file = join(history.dir, `${name}.xlsx`);
    const run = await runInProcess(["export", "--format", "xlsx", "--out", file, ...args]);
    let workbook: ExcelJS.Workbook | undefined;
    if (run.code === 0) {
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
    }
    workbooks.set(name, { run, workbook });
    for (const by of Object.keys(SHEETS)) {
      if (by === "round" && args.includes("--county")) continue;
      const answer = await runInProcess(["totals", "--by", by, "--format", "json", ...args]);
      expect(answer.code, `${by} ${name}`).toBe(0);
      totals.set(`${by}:${name}`, (JSON.parse(answer.stdout) as { rows: Record<string, unknown>[] }).rows);
    }
  }
});

afterAll(() => history.remove());

describe("grantledger export --format xlsx", () => {
  it("writes a sheet per view whose figures equal totals --format json, for every filter", () => {
    for (const [name, args] of Object.entries(FILTERS)) {
      const { run, workbook } = workbooks.get(name) ?? {};
      expect(run?.code, name).toBe(0);
      expect(run?.stdout, name).toBe("");
      for (const [by, sheetName] of Object.entries(SHEETS)) {
        const sheet = workbook?.getWorksheet(sheetName);
        if (by === "round" && args.includes("--county")) {
          expect(sheet, `${name}: no Rounds sheet with --county`).toBeUndefined();
          continue;
        }
        if (sheet === undefined) throw new Error(`${name}: no sheet ${sheetName}`);
        const expected = totals.get(`${by}:${name}`) ?? [];
        const headers = (sheet.getRow(1).values as unknown[]).slice(1);
        expect(sheet.rowCount - 1, `${name} ${sheetName}`).toBe(expected.length);
        for (const [index, row] of expected.entries()) {
          const cells = sheet.getRow(index + 2);
          for (const [header, field, kind] of COLUMNS[by] ?? []) {
            const column = headers.indexOf(header) + 1;
            expect(column, `${sheetName} has a column ${header}`).toBeGreaterThan(0);
            const cell = cells.getCell(column);
            const label = `${name} ${sheetName} row ${index + 2} ${header}`;
            if (kind === "money") {
              expect(typeof cell.value, label).toBe("number");
              // NOK as a number; back to øre it is exactly the JSON's integer.
              expect(Math.round((cell.value as number) * 100), label).toBe(row[field]);
              expect(cell.numFmt, label).toBe('#,##0.00 "kr"');
            } else if (kind === "count") {
              expect(cell.value, label).toBe(row[field]);
              expect(cell.numFmt, label).toBe("#,##0");
            } else {
              expect(cell.value, label).toBe(row[field]);
            }
          }
        }
      }
    }
  });

  it("explains every figure of the Municipalities and Rounds sheets: each event's part, the parts summing to the figure", () => {
    for (const [name, args] of Object.entries(FILTERS)) {
      const workbook = workbooks.get(name)?.workbook;
      const sheet = workbook?.getWorksheet("Explanations");
      if (sheet === undefined) throw new Error(`${name}: no Explanations sheet`);
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers.slice(0, 6), name).toEqual(["Sheet", "Row", "Field", "Figure", "Part", "Stream"]);
      const at = (header: string) => headers.indexOf(header) + 1;
      const parts = new Map<string, { figure: number; sum: number; count: number }>();
      for (let index = 2; index <= sheet.rowCount; index++) {
        const row = sheet.getRow(index);
        const key = `${String(row.getCell(at("Sheet")).value)}|${String(row.getCell(at("Row")).value)}|${String(row.getCell(at("Field")).value)}`;
        const entry = parts.get(key) ?? { figure: Math.round((row.getCell(at("Figure")).value as number) * 100), sum: 0, count: 0 };
        entry.sum += Math.round((row.getCell(at("Part")).value as number) * 100);
        entry.count += 1;
        parts.set(key, entry);
        expect(row.getCell(at("Part")).numFmt, name).toBe('#,##0.00 "kr"');
        expect(row.getCell(at("Stream")).value, name).toMatch(/^(grant|round)-/);
      }
      let explained = 0;
      for (const [by, sheetName, idField] of [["municipality", "Municipalities", "id"], ["round", "Rounds", "roundId"]] as const) {
        if (by === "round" && args.includes("--county")) continue;
        for (const row of totals.get(`${by}:${name}`) ?? []) {
          for (const [, field, kind] of COLUMNS[by] ?? []) {
            if (kind !== "money") continue;
            const entry = parts.get(`${sheetName}|${String(row[idField])}|${field}`);
            const label = `${name} ${sheetName} ${String(row[idField])} ${field}`;
            if (row[field] === 0 && entry === undefined) continue;
            expect(entry, label).toBeDefined();
            expect(entry?.figure, label).toBe(row[field]);
            expect(entry?.sum, label).toBe(row[field]);
            explained += 1;
          }
        }
      }
      // Every figure with parts is one of those rows' figures: nothing else is explained.
      expect(parts.size, name).toBeLessThanOrEqual(explained + [...parts.values()].filter((entry) => entry.figure === 0).length);
    }
  });

  it("answers by both clocks as totals does", () => {
    const grants = totals.get("grant:inEffect") ?? [];
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((row) => row["disbursed"] === 0)).toBe(true);
    expect(grants.some((row) => (row["awarded"] as number) > 0)).toBe(true);
    const about = workbooks.get("inEffect")?.workbook?.getWorksheet("About");
    expect(about?.getRow(3).values).toEqual([undefined, "As of", expect.stringMatching(/^as of position \d+, in effect on 2010-01-01$/)]);
    const grantSheet = workbooks.get("knownAtInCounty")?.workbook?.getWorksheet("Grants");
    expect(grantSheet?.rowCount).toBe((totals.get("grant:knownAtInCounty") ?? []).length + 1);
  });

  it("freezes and bolds each sheet's header row, and says in an About sheet what it holds", () => {
    const { workbook, run } = workbooks.get("county") ?? {};
    for (const sheetName of ["Municipalities", "Grants", "Payees", "About"]) {
      const sheet = workbook?.getWorksheet(sheetName);
      expect(sheet?.views[0], sheetName).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet?.getRow(1).font?.bold, sheetName).toBe(true);
    }
    const about = workbook?.getWorksheet("About");
    expect(about?.getRow(4).values).toEqual([undefined, "Filters", "county 12"]);
    expect(run?.stderr).toMatch(/^note: no Rounds sheet: --county does not apply to --by round\nwrote \d+ rows in 5 sheets to .*county\.xlsx\n$/);
    // The payee sheet's figures are exact: Bergen kommune's 3 780 000,01 kr.
    const payees = workbook?.getWorksheet("Payees");
    expect(payees?.getRow(3).values).toEqual([undefined, "964338531", "Bergen kommune", "municipality", 2, 2, 0, 0, 0, 3_780_000.01, 3_780_000.01, 1_000_000.03, 0, 1_000_000.03, 0]);
  });

  it("needs --out, refuses filters for other formats, and leaves no file when it cannot write (through a real process)", async () => {
    const [noOut, csvFilter, badDir] = await Promise.all([
      runGrantledger(["export", "--format", "xlsx", "--from", history.file]),
      runGrantledger(["export", "--format", "csv", "--county", "12", "--from", history.file]),
      runGrantledger(["export", "--format", "xlsx", "--out", join(history.dir, "no/such/dir/x.xlsx"), "--from", history.file]),
    ]);
    expect(noOut).toEqual({ code: 2, stdout: "", stderr: "error: --format xlsx writes a binary workbook: give --out FILE (it is never written to stdout)\n" });
    expect(csvFilter).toEqual({ code: 2, stdout: "", stderr: "error: --county applies to --format xlsx only, not csv (which exports the whole history or register)\n" });
    expect(badDir.code).toBe(1);
    expect(badDir.stderr).toMatch(/^error: cannot write .*x\.xlsx: ENOENT/);
    expect(await exists(join(history.dir, "no/such/dir/x.xlsx.partial"))).toBe(false);
  });

  it("replaces a previous file only when the new workbook is whole, and leaves no .partial", async () => {
    const file = join(history.dir, "again.xlsx");
    await writeFile(file, "old");
    const run = await runInProcess(["export", "--format", "xlsx", "--out", file, "--county", "46"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("note: no county 46 in ");
    expect(await exists(`${file}.partial`)).toBe(false);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet("Payees")?.rowCount).toBe(1);
  });
});
