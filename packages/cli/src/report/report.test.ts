import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger } from "@grantledger/core";
import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { describe, expect, it } from "vitest";
import { verifyStore } from "../audit/verifySources.js";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../runCli.js";
import { allEvents, buildAuditStore, historyText, must } from "../testkit/auditHistory.testkit.js";
import { buildReport } from "./buildReport.js";
import { escapeHtml } from "./html.js";
import { norwegianDate } from "./norwegianFormat.js";

const HOSTILE_ROUND = `<script>alert("round")</script> & 'Runde'`;
const HOSTILE_TITLE = `"><img src=x onerror=alert(1)>`;
const HOSTILE_PLACE = `</td><b>Bergen</b>`;

/** A round and an award whose names and titles try to inject markup. */
const hostileStore = async () => {
  let tick = 0;
  const store = createMemoryEventStore({ now: () => new Date(Date.UTC(2009, 5, 1) + tick++ * 60_000) });
  const ledger = createGrantLedger({ historical: HISTORICAL_FIXTURES, store });
  const by = (commandId: string) => ({ commandId, actor: "saksbehandler@difi" });
  await must(
    ledger.openRound(
      {
        roundId: "r1",
        name: HOSTILE_ROUND,
        funder: { orgNo: "991825827", name: `Difi <i>funder</i>` },
        budget: 1_000_000_00,
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2009-04-15T23:59:59+02:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
        schemeId: "scheme-1",
      },
      by("open"),
    ),
  );
  await must(
    ledger.applyForGrant(
      {
        grantId: "g1",
        roundId: "r1",
        applicant: { orgNo: "964338531", name: `Bergen "kommune"`, kind: "municipality" },
        participants: [{ kind: "municipality", municipalityNo: "1201", name: HOSTILE_PLACE, shareBps: 10000 }],
        project: { title: HOSTILE_TITLE, summary: "x" },
        totalCost: 500_000_00,
        requested: 100_000_00,
        appliedAt: "2009-04-01T10:00:00+02:00",
      },
      by("apply"),
    ),
  );
  await must(ledger.evaluateApplication({ grantId: "g1", score: 80, recommendation: "award", evaluator: "panel", evaluatedAt: "2009-05-01T10:00:00+02:00" }, by("evaluate")));
  await must(
    ledger.awardGrant(
      { grantId: "g1", amount: 50_000_00, disbursementPlan: [{ due: "2009-07-01", amount: 50_000_00 }], conditions: ["c"], awardedAt: "2009-12-31T23:30:00Z" },
      by("award"),
    ),
  );
  return store;
};

describe("the report's page", () => {
  it("keeps every name and title from the history as text: nothing injects markup", async () => {
    const store = await hostileStore();
    const built = await buildReport(store, {
      scope: { kind: "round", roundId: "r1" },
      limits: {},
      verified: await verifyStore(store, "memory"),
      label: "memory",
      asOf: "everything recorded",
      writtenAt: "2026-12-04T20:00:00Z",
      explain: () => Promise.resolve(new Map()),
    });
    const html = built?.html ?? "";
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<\/td><b>/);
    expect(html).toContain(`<h1 id="report-title">${escapeHtml(HOSTILE_ROUND)}</h1>`);
    expect(html).toContain(escapeHtml(HOSTILE_TITLE));
    expect(html).toContain("&lt;/td&gt;&lt;b&gt;Bergen&lt;/b&gt;");
    expect(html).toContain("Bergen &quot;kommune&quot;");
    // The page's own figures, Norwegian style; the award made at 23:30 UTC is a 1 January award in Oslo.
    expect(html).toContain('<dd id="total-committed"><a href="#explain-2">50 000,00 kr</a></dd>');
    expect(html).toContain("01.01.2010");
  });

  it("names nothing it would have to fetch", async () => {
    const store = await hostileStore();
    const built = await buildReport(store, {
      scope: { kind: "round", roundId: "r1" },
      limits: {},
      verified: await verifyStore(store, "memory"),
      label: "memory",
      asOf: "everything recorded",
      writtenAt: "2026-12-04T20:00:00Z",
      explain: () => Promise.resolve(new Map()),
    });
    const html = built?.html ?? "";
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    // The only URLs are the SVG namespaces, which name and fetch nothing.
    expect([...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((match) => match[0]).filter((url) => !url.startsWith("http://www.w3.org/"))).toEqual([]);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
  });

  it("reports a scheme as the sums over its rounds", async () => {
    const store = await hostileStore();
    const built = await buildReport(store, {
      scope: { kind: "scheme", schemeId: "scheme-1" },
      limits: {},
      verified: await verifyStore(store, "memory"),
      label: "memory",
      asOf: "everything recorded",
      writtenAt: "2026-12-04T20:00:00Z",
      explain: () => Promise.resolve(new Map()),
    });
    expect(built?.model.rounds.map((round) => round.opened.roundId)).toEqual(["r1"]);
    expect(built?.model.totals.committed.ore).toBe(50_000_00);
    expect(built?.html).toContain('<h1 id="report-title">Scheme scheme-1 (1 round)</h1>');
    const none = await buildReport(store, {
      scope: { kind: "scheme", schemeId: "other" },
      limits: {},
      verified: await verifyStore(store, "memory"),
      label: "memory",
      asOf: "everything recorded",
      writtenAt: "2026-12-04T20:00:00Z",
      explain: () => Promise.resolve(new Map()),
    });
    expect(none).toBeUndefined();
  });

  it("writes dates as Oslo calendar days", () => {
    expect(norwegianDate("2010-12-31T23:30:00Z")).toBe("01.01.2011");
    expect(norwegianDate("2010-12-31T12:00:00+01:00")).toBe("31.12.2010");
  });
});

describe("grantledger report", () => {
  const run = async (args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["node", "grantledger", "report", ...args], { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out, err };
  };

  it("writes the page by both clocks: in effect on a date, known at a time; refuses what it cannot read (exit 2) and a round the history lacks (exit 1)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "grantledger-report-cli-"));
    try {
      const history = join(dir, "history.ndjson");
      await writeFile(history, historyText(await allEvents(await buildAuditStore())));
      const out = join(dir, "report.html");
      const figure = async (id: string): Promise<string | undefined> => new RegExp(`<dd id="${id}"><a href="#explain-\\d+">([^<]*)</a>`).exec(await readFile(out, "utf8"))?.[1];

      expect(await run(["--round", "krise-2009-1", "--from", history, "--out", out])).toEqual({
        code: 0,
        out: [`report: ${out} (round krise-2009-1, 1 round, 13 figures linked)`],
        err: [],
      });
      expect([await figure("total-committed"), await figure("total-disbursed")]).toEqual(["120 000,00 kr", "50 000,00 kr"]);
      // Every figure is explained by the events behind it, whose parts sum to it.
      const page = await readFile(out, "utf8");
      expect(page.match(/, the figure shown\./g)).toHaveLength(13);
      expect(page).toContain("<code>grant-a@3</code>");

      // The second tranche of a was paid on 02.07.2010: not in effect at the end of 2009.
      expect((await run(["--round", "krise-2009-1", "--from", history, "--out", out, "--in-effect-on", "2009-12-31"])).code).toBe(0);
      expect([await figure("total-committed"), await figure("total-disbursed")]).toEqual(["120 000,00 kr", "25 000,00 kr"]);
      expect(await readFile(out, "utf8")).toContain("in effect on 2009-12-31");

      // One event a minute from 2009-06-01T00:00Z: by 00:08:30 only a's award (position 8) is known.
      expect((await run(["--round", "krise-2009-1", "--from", history, "--out", out, "--known-at", "2009-06-01T00:08:30Z"])).code).toBe(0);
      expect([await figure("total-committed"), await figure("total-disbursed")]).toEqual(["50 000,00 kr", "0,00 kr"]);

      const bad = await run(["--round", "krise-2009-1", "--from", history, "--out", out, "--in-effect-on", "31.12.2009"]);
      expect({ code: bad.code, out: bad.out }).toEqual({ code: 2, out: [] });
      expect(bad.err[0]).toMatch(/^error: --in-effect-on "31\.12\.2009" is neither a date/);
      const neither = await run(["--from", history, "--out", out]);
      expect(neither.code).toBe(2);
      expect(neither.err[0]).toBe("error: give --round <id> or --scheme <id>: what to report on");
      const missing = await run(["--scheme", "nope", "--from", history, "--out", out]);
      expect(missing.code).toBe(1);
      expect(missing.err[0]).toBe(`error: no scheme nope in ${history}: no RoundOpened names it`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
