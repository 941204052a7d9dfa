import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilterHistoryFile, type FilterHistoryFile } from "./testkit/filterHistory.testkit.js";
import { runCli } from "./runCli.js";
import { runGrantledger, type CliRun } from "./testkit/runCliProcess.testkit.js";

// In process, as the command's own lines: the filters make many runs, and a process each would
// take minutes on a loaded machine. Two runs go through a real process (see beforeAll).
const runInProcess = async (args: readonly string[]): Promise<CliRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["node", "grantledger", ...args], { out: (line) => out.push(line), err: (line) => err.push(line) });
  const text = (lines: readonly string[]) => lines.map((line) => `${line}\n`).join("");
  return { code, stdout: text(out), stderr: text(err) };
};

let history: FilterHistoryFile;
const runs = new Map<string, CliRun>();
const run = (name: string): CliRun => {
  const found = runs.get(name);
  if (found === undefined) throw new Error(`no run named ${name}`);
  return found;
};

interface Answer<R> {
  readonly filters?: Record<string, string>;
  readonly notes?: readonly string[];
  readonly rows: readonly R[];
}
interface GrantRow {
  grantId: string;
  roundId: string;
  status: string;
  applicant: { orgNo: string; name: string };
  requested: number;
  awarded: number;
  disbursed: number;
  repaid: number;
  paidNet: number;
  openClaims: number;
}
interface PayeeRow {
  orgNo: string;
  name: string;
  kind: string;
  grants: number;
  awardedGrants: number;
  rejectedGrants: number;
  pendingGrants: number;
  withdrawnGrants: number;
  requested: number;
  awarded: number;
  disbursed: number;
  repaid: number;
  paidNet: number;
  openClaims: number;
}
interface ParticipantRow {
  kind: string;
  id: string;
  awarded: number;
  requested: number;
}
interface RoundRow {
  roundId: string;
  committed: number;
}
const json = <R>(name: string): Answer<R> => {
  const { code, stdout } = run(name);
  expect(code, name).toBe(0);
  return JSON.parse(stdout) as Answer<R>;
};

const FILTERS: Readonly<Record<string, readonly string[]>> = {
  all: [],
  round1: ["--round", "krise-2009-1"],
  scheme: ["--scheme", "krise-2009"],
  digital: ["--scheme", "digital"],
  county12: ["--county", "12"],
  county03: ["--county", "03"],
  digitalIn03: ["--scheme", "digital", "--county", "03"],
};

beforeAll(async () => {
  history = await createFilterHistoryFile("filters");
  const from = ["--from", history.file];
  const invocations: Record<string, readonly string[]> = {
    payeeTable: ["totals", "--by", "payee", ...from],
    payeeCsv: ["totals", "--by", "payee", "--format", "csv", ...from],
    countyTable: ["totals", "--by", "municipality", "--county", "12", ...from],
    unknownRound: ["totals", "--by", "grant", "--round", "nope", "--format", "json", ...from],
    unknownCounty: ["totals", "--by", "municipality", "--county", "46", ...from],
    countyOnRounds: ["totals", "--by", "round", "--county", "12", ...from],
    badCounty: ["totals", "--by", "payee", "--county", "4", ...from],
    zeroCounty: ["totals", "--by", "grant", "--county", "00", ...from],
    roundAndScheme: ["totals", "--by", "grant", "--round", "krise-2009-1", "--scheme", "krise-2009", ...from],
  };
  for (const [name, args] of Object.entries(FILTERS)) {
    for (const by of ["municipality", "grant", "payee", "round"]) {
      if (by === "round" && args.includes("--county")) continue;
      invocations[`${by}:${name}`] = ["totals", "--by", by, "--format", "json", ...args, ...from];
    }
  }
  const inProcess = Object.entries(invocations).filter(([name]) => name !== "payeeTable" && name !== "countyOnRounds");
  const processes = Promise.all(["payeeTable", "countyOnRounds"].map(async (name) => [name, await runGrantledger(invocations[name] ?? [])] as const));
  for (const [name, args] of inProcess) runs.set(name, await runInProcess(args));
  for (const [name, result] of await processes) runs.set(name, result);
});

afterAll(() => history.remove());

describe("grantledger totals --by payee", () => {
  it("totals by responsible recipient: each grant whole for its applicant, with the status counts", () => {
    const { rows } = json<PayeeRow>("payee:all");
    expect(rows.map(({ orgNo, name, kind, grants, awardedGrants, rejectedGrants, pendingGrants, withdrawnGrants }) => ({ orgNo, name, kind, grants, awardedGrants, rejectedGrants, pendingGrants, withdrawnGrants }))).toEqual([
      { orgNo: "938626367", name: "Hordaland fylkeskommune", kind: "county", grants: 2, awardedGrants: 1, rejectedGrants: 0, pendingGrants: 1, withdrawnGrants: 0 },
      { orgNo: "958935420", name: "Oslo kommune", kind: "municipality", grants: 2, awardedGrants: 1, rejectedGrants: 1, pendingGrants: 0, withdrawnGrants: 0 },
      { orgNo: "964338531", name: "Bergen kommune", kind: "municipality", grants: 2, awardedGrants: 2, rejectedGrants: 0, pendingGrants: 0, withdrawnGrants: 0 },
    ]);
    // Bergen kommune received eBygg's 3 300 000,01 kr and min side's 480 000,00 kr, for every participant.
    expect(rows[2]).toMatchObject({ requested: 3_780_000_01, awarded: 3_780_000_01, disbursed: 1_000_000_03, paidNet: 1_000_000_03 });
    expect(rows[1]).toMatchObject({ requested: 1_020_000_07, awarded: 900_000_07, disbursed: 300_000_01, repaid: 40_000_00, paidNet: 260_000_01, openClaims: 60_000_00 });
  });

  it("prints a table with an exact total line, and CSV with decimal NOK", () => {
    const { code, stdout, stderr } = run("payeeTable");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^Totals by payee in .*history\.ndjson, as of position \d+$/);
    expect(lines.find((line) => line.startsWith("964338531"))).toMatch(/Bergen kommune\s+municipality\s+2\s+2\s+0\s+0\s+0\s+3 780 000,01 kr\s+3 780 000,01 kr\s+1 000 000,03 kr/);
    expect(lines.find((line) => line.startsWith("Total "))).toMatch(/5 100 000,11 kr\s+4 880 000,09 kr\s+1 300 000,04 kr\s+40 000,00 kr\s+1 260 000,04 kr\s+60 000,00 kr$/);
    const csv = run("payeeCsv").stdout.trimEnd().split("\n");
    expect(csv[0]).toBe("org_no,name,kind,grants,awarded_grants,rejected_grants,pending_grants,withdrawn_grants,requested_nok,awarded_nok,disbursed_nok,repaid_nok,paid_net_nok,open_claims_nok");
    expect(csv[2]).toBe("958935420,Oslo kommune,municipality,2,1,1,0,0,1020000.07,900000.07,300000.01,40000.00,260000.01,60000.00");
  });
});

describe("grantledger totals --round, --scheme, --county", () => {
  it("keeps the grants of the round, of the scheme's rounds, and with a participant in the county", () => {
    const grantIds = (name: string) => json<GrantRow>(`grant:${name}`).rows.map((row) => row.grantId);
    // All applied at the same instant: listed by grant id.
    expect(grantIds("all")).toEqual(["avslag", "ebygg", "fylkesplan", "minside", "osloarkiv", "venter"]);
    expect(grantIds("round1")).toEqual(["ebygg", "minside"]);
    expect(grantIds("scheme")).toEqual(["ebygg", "minside", "osloarkiv"]);
    expect(grantIds("digital")).toEqual(["avslag", "fylkesplan"]);
    expect(grantIds("county12")).toEqual(["ebygg", "fylkesplan", "minside", "venter"]);
    expect(grantIds("county03")).toEqual(["avslag", "fylkesplan", "osloarkiv"]);
    expect(grantIds("digitalIn03")).toEqual(["avslag", "fylkesplan"]);
    expect(json<GrantRow>("grant:digitalIn03").filters).toEqual({ scheme: "digital", county: "03" });
  });

  it("sums a payee's grants within every filter exactly as the grant view lists them", () => {
    for (const name of Object.keys(FILTERS)) {
      const grants = json<GrantRow>(`grant:${name}`).rows;
      const payees = json<PayeeRow>(`payee:${name}`).rows;
      expect(payees.map((row) => row.orgNo), name).toEqual([...new Set(grants.map((row) => row.applicant.orgNo))].sort());
      for (const payee of payees) {
        const own = grants.filter((row) => row.applicant.orgNo === payee.orgNo);
        for (const field of ["requested", "awarded", "disbursed", "repaid", "paidNet", "openClaims"] as const) {
          expect(payee[field], `${name} ${payee.orgNo} ${field}`).toBe(own.reduce((sum, row) => sum + row[field], 0));
        }
        expect(payee.grants).toBe(own.length);
      }
    }
  });

  it("keeps a county's municipalities and the county itself, and the participants of a round's or scheme's grants", () => {
    const ids = (name: string) => json<ParticipantRow>(`municipality:${name}`).rows.map((row) => `${row.kind}:${row.id}`);
    expect(ids("all")).toEqual(["municipality:0301", "municipality:1201", "municipality:1247", "county:12", "other:974001373"]);
    expect(ids("county12")).toEqual(["municipality:1201", "municipality:1247", "county:12"]);
    expect(ids("county03")).toEqual(["municipality:0301"]);
    expect(ids("round1")).toEqual(["municipality:1201", "municipality:1247", "county:12"]);
    expect(ids("digitalIn03")).toEqual(["municipality:0301"]);
    // A round's participants hold, between them, exactly what the round committed.
    for (const name of ["round1", "scheme", "digital"]) {
      const participants = json<ParticipantRow>(`municipality:${name}`).rows;
      const rounds = json<RoundRow>(`round:${name}`).rows;
      expect(participants.reduce((sum, row) => sum + row.awarded, 0), name).toBe(rounds.reduce((sum, row) => sum + row.committed, 0));
    }
    const table = run("countyTable");
    expect(table.stdout.split("\n")[0]).toMatch(/; county 12$/);
    expect(table.stdout).not.toMatch(/Oslo|KS/);
  });

  it("keeps the rows of the round, or of the scheme's rounds, in the round view", () => {
    const roundIds = (name: string) => json<RoundRow>(`round:${name}`).rows.map((row) => row.roundId);
    expect(roundIds("all")).toEqual(["digi-2010", "krise-2009-1", "krise-2009-2", "pilot"]);
    expect(roundIds("round1")).toEqual(["krise-2009-1"]);
    expect(roundIds("scheme")).toEqual(["krise-2009-1", "krise-2009-2"]);
  });

  it("gives no rows and a note when a filter names what the history does not hold", () => {
    const { code, stdout, stderr } = run("unknownRound");
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as Answer<GrantRow>;
    expect(answer.rows).toEqual([]);
    expect(answer.notes).toEqual([expect.stringMatching(/^no round "nope" in .*history\.ndjson as of position \d+: nothing to total$/)]);
    expect(stderr).toMatch(/^note: no round "nope" in .*history\.ndjson as of position \d+: nothing to total\n$/);
    const county = run("unknownCounty");
    expect(county.code).toBe(0);
    expect(county.stderr).toMatch(/^note: no county 46 in /);
    expect(county.stdout.split("\n").find((line) => line.startsWith("Total "))).toMatch(/0,00 kr/);
  });

  it("refuses a filter that means nothing for the view, a bad county number and --round with --scheme (exit 2, one line)", () => {
    for (const [name, message] of [
      ["countyOnRounds", /^error: --county does not apply to --by round: a round has no county \(--county applies to --by municipality, grant, payee\)$/],
      ["badCounty", /^error: --county "4" is not a county number \(two digits, not 00, e\.g\. 46\)$/],
      ["zeroCounty", /^error: --county "00" is not a county number/],
      ["roundAndScheme", /^error: --round and --scheme exclude each other: give one$/],
    ] as const) {
      const { code, stdout, stderr } = run(name);
      expect({ name, code, stdout }).toEqual({ name, code: 2, stdout: "" });
      expect(stderr.trimEnd()).toMatch(message);
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});
