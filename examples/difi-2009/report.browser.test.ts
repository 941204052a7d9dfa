import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, formatMoney, readAllPages, sealHistory, type EventStore } from "@grantledger/core";
import { formatHistoryLine, runCli } from "@grantledger/cli";
import { getRoundBudget, listMunicipalities, listOtherParticipants, municipalityTotals, projectAsOf, roundBudget } from "@grantledger/projections";
import * as E from "fp-ts/lib/Either.js";
import { chromium, type Browser } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HISTORY, ROUND_ID } from "./ids.js";
import { seedRound } from "./seedRound.js";
import { createStepClock } from "./stepClock.js";

// CI installs Debian's chromium (.ci/run); elsewhere GRANTLEDGER_CHROMIUM names another build.
const CHROMIUM = process.env["GRANTLEDGER_CHROMIUM"] ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const right = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
  return result.right;
};

/** The demo's round, seeded as `pnpm demo` seeds it, then sealed, as an auditor would get it. */
const seedDemo = async (): Promise<EventStore> => {
  const clock = createStepClock("2009-01-01T00:00:00+01:00");
  const store = createMemoryEventStore({ now: clock.now });
  await right(seedRound(createGrantLedger({ store, historical: DEMO_HISTORY }), { beforeStep: (step) => clock.set(step.at) }));
  await right(() => sealHistory(store, { commandId: "seal-2012", actor: "revisor@riksrevisjonen" }, "2012-02-01T12:00:00+01:00"));
  return store;
};

let dir: string;
let reportFile: string;
let store: EventStore;
let browser: Browser;
let cliLines: string[];
let cliCode: number;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: the report's browser test needs one (apt-get install -y chromium, as .ci/run does, or set GRANTLEDGER_CHROMIUM)`);
  }
  dir = await mkdtemp(join(tmpdir(), "grantledger-report-"));
  store = await seedDemo();
  const lines: string[] = [];
  for await (const event of readAllPages(store)) lines.push(`${formatHistoryLine(event)}\n`);
  const history = join(dir, "history.ndjson");
  await writeFile(history, lines.join(""));
  reportFile = join(dir, "report.html");
  cliLines = [];
  cliCode = await runCli(["node", "grantledger", "report", "--round", ROUND_ID, "--from", history, "--out", reportFile], {
    out: (line) => cliLines.push(line),
    err: (line) => cliLines.push(`stderr: ${line}`),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("grantledger report, in a real browser", () => {
  it("opens with no console errors and no request but the file, shows the round and its committed total, one bar per county, links that resolve, and is not blank", async () => {
    expect({ cliCode, cliLines: cliLines.filter((line) => line.startsWith("stderr:")) }).toEqual({ cliCode: 0, cliLines: [] });
    const budget = getRoundBudget((await right(projectAsOf(store, roundBudget))).state, ROUND_ID);
    const totals = (await right(projectAsOf(store, municipalityTotals))).state;
    expect(budget).toBeDefined();
    const counties = new Set([
      ...listMunicipalities(totals, { roundId: ROUND_ID }).map((row) => row.countyNo as string),
      ...listOtherParticipants(totals, { roundId: ROUND_ID }).filter((row) => row.kind === "county").map((row) => row.id),
    ]);
    expect(counties.size).toBeGreaterThan(5);

    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    page.on("request", (request) => requests.push(request.url()));
    const url = pathToFileURL(reportFile).href;
    await page.goto(url, { waitUntil: "load" });

    expect(await page.locator("#report-title").textContent()).toBe(budget?.name);
    expect(await page.locator("#total-committed").textContent()).toBe(formatMoney(BigInt(budget?.committed ?? 0)));
    expect(await page.locator("#chart-counties svg .mark-rect path").count()).toBe(counties.size);
    expect(await page.locator("#chart-budget svg .mark-line path").count()).toBeGreaterThan(0);
    expect(await page.locator("#chart-payments svg .mark-area path").count()).toBe(1);
    expect(await page.locator("#verify-summary").textContent()).toMatch(/^intact: \d+ events/);

    // Run in the page as a string: this file is type-checked without the DOM's types.
    const links = (await page.evaluate(`(() => {
      const hrefs = [...document.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? a.getAttribute("xlink:href") ?? "");
      return { hrefs, missing: hrefs.filter((href) => !href.startsWith("#") || document.getElementById(href.slice(1)) === null) };
    })()`)) as { hrefs: string[]; missing: string[] };
    expect(links.hrefs.length).toBeGreaterThan(counties.size * 2);
    expect(links.missing).toEqual([]);
    // The committed total's explanation lists the events behind it, and their parts sum to it.
    const committedTarget = (await page.locator("#total-committed a").getAttribute("href")) ?? "";
    const section = page.locator(committedTarget);
    expect(await section.locator("tbody tr").count()).toBeGreaterThan(10);
    expect(await section.locator("p.note").last().textContent()).toBe(`Parts sum to ${formatMoney(BigInt(budget?.committed ?? 0))}, the figure shown.`);
    expect(await page.locator("#explanations").textContent()).not.toContain("not the figure shown");
    // Each county bar links to an explanation, as the figures do.
    const barLinks = await page.locator("#chart-counties svg a").count();
    expect(barLinks).toBe(counties.size);

    const shot = PNG.sync.read(await page.screenshot());
    const colours = new Set<number>();
    for (let i = 0; i < shot.data.length; i += 4) colours.add(shot.data.readUInt32BE(i));
    expect({ width: shot.width, height: shot.height }).toEqual({ width: 1200, height: 800 });
    expect(colours.size).toBeGreaterThan(200);
    // Where the docs' screenshot comes from: GRANTLEDGER_REPORT_SCREENSHOT=docs/report-first-screen.png.
    const keep = process.env["GRANTLEDGER_REPORT_SCREENSHOT"];
    if (keep !== undefined && keep !== "") await writeFile(keep, await page.screenshot({ type: "png" }));

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    const html = await readFile(reportFile, "utf8");
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|@import|url\(/i);
    await page.close();
  });
});
