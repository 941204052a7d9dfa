import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { formatHistoryLine, runCli } from "@grantledger/cli";
import { createGrantLedger, type RecordedEvent } from "@grantledger/core";
import { listMunicipalities, municipalityTotals, projectAsOf } from "@grantledger/projections";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HISTORY, ROUND_ID } from "./ids.js";
import { seedRound } from "./seedRound.js";
import { createStepClock } from "./stepClock.js";

/*
 * The question on the demo history: where does Bergen's awarded total come from?
 * `grantledger explain --municipality 1201 --field awarded` answers with each award's share.
 */

let dir: string;
let file: string;
let recorded: readonly RecordedEvent[];
let bergenAwarded: number;

const run = async (args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["node", "grantledger", ...args, "--from", file], { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
};

beforeAll(async () => {
  const clock = createStepClock("2009-01-01T00:00:00+01:00");
  const store = createMemoryEventStore({ now: clock.now });
  const seeded = await seedRound(createGrantLedger({ store, historical: DEMO_HISTORY }), { beforeStep: (step) => clock.set(step.at) })();
  if (E.isLeft(seeded)) throw new Error(`seeding refused ${seeded.left.step.key}`);
  const all = await store.readAll()();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  recorded = all.right;
  const totals = await projectAsOf(store, municipalityTotals)();
  if (E.isLeft(totals)) throw new Error(totals.left._tag);
  bergenAwarded = listMunicipalities(totals.right.state).find((row) => row.municipalityNo === "1201")?.awarded ?? -1;
  dir = await mkdtemp(join(tmpdir(), "grantledger-explain-"));
  file = join(dir, "history.ndjson");
  await writeFile(file, recorded.map((event) => `${formatHistoryLine(event)}\n`).join(""));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("grantledger explain on the demo history", () => {
  it("explains Bergen's awarded 580 320 kr: 3,04 % of eBygg's 3 300 000 kr and all of bergen-min-side's 480 000 kr", async () => {
    const { code, out, err } = await run(["explain", "--municipality", "1201", "--field", "awarded"]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(bergenAwarded).toBe(58_032_000);
    expect(out[0]).toMatch(/^municipality 1201, awarded: 580 320,00 kr, in .*history\.ndjson, as of position \d+$/);
    const rows = out.filter((line) => line.startsWith("grant-"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^grant-krisepakken-2009-1-ebygg@2 +\d+ +2009-05-29 +GrantAwarded +3 300 000,00 kr +3,04 % +100 320,00 kr +100 320,00 kr$/);
    expect(rows[1]).toMatch(/^grant-krisepakken-2009-1-bergen-min-side@2 +\d+ +2009-05-29 +GrantAwarded +480 000,00 kr +100,00 % +480 000,00 kr +480 000,00 kr$/);
    expect(out).toContainEqual(expect.stringMatching(/^Total +580 320,00 kr$/));
    expect(out.at(-1)).toBe("2 events; the parts sum to 580 320,00 kr.");
  });

  it("gives the same in JSON, integer øre, with each part's event where the history has it", async () => {
    const { code, out } = await run(["explain", "--municipality", "1201", "--field", "awarded", "--format", "json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out.join("\n")) as { figure: number; amountsIn: string; parts: { position: number; eventId: string; streamName: string; revision: number; part: number; shareBps: number; exactShare: string; rounding: number }[] };
    expect(json.figure).toBe(58_032_000);
    expect(json.amountsIn).toBe("øre");
    expect(json.parts.map(({ part, shareBps, exactShare, rounding }) => ({ part, shareBps, exactShare, rounding }))).toEqual([
      { part: 10_032_000, shareBps: 304, exactShare: "10032000", rounding: 0 },
      { part: 48_000_000, shareBps: 10_000, exactShare: "48000000", rounding: 0 },
    ]);
    for (const part of json.parts) {
      const event = recorded.find((candidate) => candidate.position === BigInt(part.position));
      expect([event?.id, event?.streamName, event?.revision]).toEqual([part.eventId, part.streamName, BigInt(part.revision)]);
    }
  });

  it("writes CSV, explains a round within the as-of cut, and refuses bad input with the exit codes documented", async () => {
    const csv = await run(["explain", "--municipality", "1201", "--field", "awarded", "--format", "csv"]);
    expect(csv.out[0]).toBe("stream,revision,position,event_id,date,type,grant_id,event_amount_nok,share_bps,exact_share_ore,part_nok,rounding_ore");
    expect(csv.out[1]).toMatch(/^grant-krisepakken-2009-1-ebygg,2,\d+,[0-9a-f-]+,2009-05-29,GrantAwarded,krisepakken-2009-1-ebygg,3300000\.00,304,10032000,100320\.00,0$/);
    const round = await run(["explain", "--round", ROUND_ID, "--field", "budget", "--at-position", "0", "--format", "json"]);
    expect(round.code).toBe(0);
    expect((JSON.parse(round.out.join("\n")) as { parts: { type: string }[] }).parts.map((part) => part.type)).toEqual(["RoundOpened"]);
    const field = await run(["explain", "--municipality", "1201", "--field", "committed"]);
    expect(field.code).toBe(2);
    expect(field.err[0]).toMatch(/^error: cannot explain .*: "committed" is not a money figure of a municipality \(municipality 1201\); one of: requested, awarded/);
    const missing = await run(["explain", "--grant", "nope", "--field", "awarded"]);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^error: cannot explain .*: no grant nope in the history as of position \d+$/);
    expect((await run(["explain", "--field", "awarded"])).code).toBe(2);
    expect((await run(["explain", "--round", ROUND_ID, "--field", "budget", "--in-round", ROUND_ID])).code).toBe(2);
  });
});
