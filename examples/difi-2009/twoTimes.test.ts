import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { formatHistoryLine, runCli } from "@grantledger/cli";
import { createGrantLedger, decodeDomainEvent, type DomainEvent, type RecordedEvent } from "@grantledger/core";
import { listMunicipalities, listRoundBudgets, municipalityTotals, projectAsOf, roundBudget, type AsOfOptions } from "@grantledger/projections";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HISTORY, ROUND_ID } from "./ids.js";
import { seedRound } from "./seedRound.js";

/*
 * The 2009 round as a funder that adopts grantledger in 2026 would have it: every event of
 * 2009-2011 recorded in November 2026. Known-at answers by the record (nothing was known in
 * 2010); in-effect-on answers by the events' own business dates (what had been awarded and paid).
 */

const LOADED_FROM = Date.parse("2026-11-02T09:00:00.000Z");

interface Loaded {
  readonly recorded: readonly RecordedEvent[];
  readonly events: readonly DomainEvent[];
  readonly store: ReturnType<typeof createMemoryEventStore>;
}

const loadIn2026 = async (): Promise<Loaded> => {
  let tick = LOADED_FROM;
  const store = createMemoryEventStore({ now: () => new Date((tick += 1_000)) });
  const seeded = await seedRound(createGrantLedger({ store, historical: DEMO_HISTORY }))();
  if (E.isLeft(seeded)) throw new Error(`seeding refused ${seeded.left.step.key}: ${seeded.left.error._tag}`);
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  const events = all.right.map((recorded) => {
    const decoded = decodeDomainEvent({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) throw new Error(`undecodable ${recorded.type}`);
    return decoded.right;
  });
  return { recorded: all.right, events, store };
};

const at = (date: string, time: string | undefined): boolean => time !== undefined && Date.parse(time) <= Date.parse(date);

/**
 * Round 1's committed and paid-net figures, summed by hand from the events whose own business time
 * is by `limit`, among the first `known` events: the expectation, computed without the read models.
 */
const round1ByHand = (loaded: Loaded, limit: string, known = loaded.events.length): { committed: number; disbursed: number } => {
  const inRound1 = new Set<string>();
  let committed = 0;
  let disbursed = 0;
  for (const event of loaded.events.slice(0, known)) {
    switch (event.type) {
      case "GrantApplied":
        if (event.data.roundId === ROUND_ID) inRound1.add(event.data.grantId);
        break;
      case "FundsCommitted":
        if (event.data.roundId === ROUND_ID && at(limit, event.data.committedAt)) committed += event.data.amount;
        break;
      case "FundsReleased":
        if (event.data.roundId === ROUND_ID && at(limit, event.data.releasedAt)) committed -= event.data.amount;
        break;
      case "GrantDisbursed":
        if (inRound1.has(event.data.grantId) && at(limit, event.data.disbursedAt)) disbursed += event.data.amount;
        break;
      case "DisbursementReversed":
        if (inRound1.has(event.data.grantId) && at(limit, event.data.reversedAt)) disbursed -= event.data.amount;
        break;
      case "RepaymentReceived":
        if (inRound1.has(event.data.grantId) && at(limit, event.data.receivedAt)) disbursed -= event.data.amount;
        break;
      default:
        break;
    }
  }
  return { committed, disbursed };
};

const round1 = async (loaded: Loaded, options: AsOfOptions) => {
  const folded = await projectAsOf(loaded.store, roundBudget, options)();
  if (E.isLeft(folded)) throw new Error(folded.left._tag);
  return { rows: listRoundBudgets(folded.right.state), position: folded.right.position, row: listRoundBudgets(folded.right.state).find((r) => r.roundId === ROUND_ID) };
};

// End of the day in Oslo, as the library reads a date.
const END_2009 = "2009-12-31T23:59:59.999+01:00";
const END_2010 = "2010-12-31T23:59:59.999+01:00";

let loaded: Loaded;
let dir: string;
let file: string;

beforeAll(async () => {
  loaded = await loadIn2026();
  dir = await mkdtemp(join(tmpdir(), "two-times-"));
  file = join(dir, "history.ndjson");
  await writeFile(file, loaded.recorded.map((event) => `${formatHistoryLine(event)}\n`).join(""));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = async (args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["node", "grantledger", ...args], { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
};

describe("the 2009 round, recorded in 2026, by both clocks", () => {
  it("knew nothing at the end of 2010: every event was recorded in 2026", async () => {
    const then = await round1(loaded, { knownAt: "2010-12-31T23:59:59+01:00" });
    expect(then).toEqual({ rows: [], position: undefined, row: undefined });
  });

  it("had in effect at the end of 2009 and of 2010 what the events dated by then add up to", async () => {
    const all = round1ByHand(loaded, "2100-01-01T00:00:00Z");
    for (const [date, limit] of [["2009-12-31", END_2009], ["2010-12-31", END_2010]] as const) {
      const expected = round1ByHand(loaded, limit);
      const { row, position } = await round1(loaded, { inEffectOn: date });
      expect({ committed: row?.committed, disbursed: row?.disbursed }).toEqual(expected);
      // Everything recorded was read, whatever was in effect.
      expect(position).toBe(loaded.recorded.at(-1)?.position);
    }
    // The dates cut the story: by the end of 2009 less was paid than in the end.
    expect(round1ByHand(loaded, END_2009).disbursed).toBeGreaterThan(0);
    expect(round1ByHand(loaded, END_2009).disbursed).toBeLessThan(all.disbursed);
    const now = await round1(loaded, {});
    expect({ committed: now.row?.committed, disbursed: now.row?.disbursed }).toEqual(all);
  });

  it("answers what was known at a moment of the load about what was in effect on a date", async () => {
    const half = Math.floor(loaded.recorded.length / 2);
    const knownAt = loaded.recorded[half - 1]?.recordedAt ?? "";
    const { row, position } = await round1(loaded, { knownAt, inEffectOn: "2009-12-31" });
    expect(position).toBe(loaded.recorded[half - 1]?.position);
    expect({ committed: row?.committed, disbursed: row?.disbursed }).toEqual(round1ByHand(loaded, END_2009, half));
  });

  it("puts Bergen's awards of 2009 in effect by the end of 2009, though known only in 2026", async () => {
    const inEffect = await projectAsOf(loaded.store, municipalityTotals, { inEffectOn: "2009-12-31" })();
    const known = await projectAsOf(loaded.store, municipalityTotals, { knownAt: "2009-12-31T23:59:59+01:00" })();
    if (E.isLeft(inEffect) || E.isLeft(known)) throw new Error("fold failed");
    const bergen = (state: typeof inEffect.right.state) => listMunicipalities(state).find((row) => row.municipalityNo === "1201");
    expect(bergen(inEffect.right.state)?.awarded ?? 0).toBeGreaterThan(0);
    expect(bergen(known.right.state)).toBeUndefined();
  });

  it("gives the same answers through the command line", async () => {
    const knownThen = await cli(["totals", "--from", file, "--by", "round", "--known-at", "2010-12-31T23:59:59+01:00", "--format", "json"]);
    expect(knownThen.code).toBe(0);
    expect((JSON.parse(knownThen.stdout) as { rows: unknown[] }).rows).toEqual([]);
    const alias = await cli(["totals", "--from", file, "--by", "round", "--as-of", "2010-12-31T23:59:59+01:00", "--format", "json"]);
    expect(alias.stdout).toBe(knownThen.stdout);

    const inEffect = await cli(["totals", "--from", file, "--by", "round", "--in-effect-on", "2009-12-31", "--format", "json"]);
    expect(inEffect.code).toBe(0);
    const rows = (JSON.parse(inEffect.stdout) as { rows: { roundId: string; committed: number; disbursed: number }[] }).rows;
    const row = rows.find((r) => r.roundId === ROUND_ID);
    expect({ committed: row?.committed, disbursed: row?.disbursed }).toEqual(round1ByHand(loaded, END_2009));

    const table = await cli(["totals", "--from", file, "--by", "round", "--in-effect-on", "2009-12-31", "--known-at", "2027-01-01T00:00:00Z"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/\(recorded by 2027-01-01T00:00:00Z\), in effect on 2009-12-31$/);
  });

  it("tells a grant's story only as far as it had gone, and refuses what cannot be read", async () => {
    const reversed = loaded.events.find((e) => e.type === "DisbursementReversed");
    if (reversed?.type !== "DisbursementReversed") throw new Error("the demo has a reversal");
    const grantId = reversed.data.grantId;
    const dayBefore = new Date(Date.parse(reversed.data.reversedAt) - 86_400_000).toISOString();
    const before = await cli(["history", grantId, "--from", file, "--in-effect-on", dayBefore]);
    const after = await cli(["history", grantId, "--from", file]);
    expect(before.code).toBe(0);
    expect(after.stdout).toContain("reversed (tilbakeført)");
    expect(before.stdout).not.toContain("reversed (tilbakeført)");
    expect(before.stdout).toContain(`in effect on ${dayBefore}`);

    const nothingKnown = await cli(["history", grantId, "--from", file, "--known-at", "2010-01-01T00:00:00Z"]);
    expect(nothingKnown.code).toBe(1);
    expect(nothingKnown.stderr).toContain("before the first event");

    expect((await cli(["totals", "--from", file, "--by", "round", "--in-effect-on", "31.12.2009"])).code).toBe(2);
    expect((await cli(["export", "--from", file, "--in-effect-on", "2009-12-31"])).code).toBe(2);
    expect((await cli(["totals", "--from", file, "--by", "round", "--known-at", "2010-01-01", "--as-of", "2010-01-01T00:00:00Z"])).code).toBe(2);
  });

  it("exports, as known at a moment, a prefix of the history", async () => {
    const cut = loaded.recorded[99];
    const out = join(dir, "prefix.ndjson");
    const exported = await cli(["export", "--from", file, "--known-at", cut?.recordedAt ?? "", "--out", out]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain("wrote 100 events");
    const csv = await cli(["export", "--from", file, "--format", "csv", "--in-effect-on", "2009-12-31"]);
    expect(csv.code).toBe(0);
  });
});
