/**
 * `pnpm demo [--json] [--store <url>]`: seeds round 1 of the 2009 crisis package into an event
 * store through the ledger's commands, then prints what the read models make of it.
 */
import { parseArgs } from "node:util";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { createGrantLedger, type EventStore } from "@grantledger/core";
import { openStore } from "@grantledger/cli";
import * as E from "fp-ts/lib/Either.js";
import { TIMELINE } from "./data/timeline.js";
import { DEMO_HISTORY, ROUND_ID } from "./ids.js";
import { osloTime } from "./osloTime.js";
import { renderReport } from "./printTables.js";
import { buildReport, describeReportError, reportJson } from "./report.js";
import { describeSeedFailure, seedRound } from "./seedRound.js";
import { createStepClock, type StepClock } from "./stepClock.js";

const USAGE = "usage: pnpm demo [--json] [--store memory|pglite:DIR|postgres://…|esdb://…]";

/** Exit codes: 0 done, 1 the ledger or a projection refused, 2 a bad command line. */
const EXIT_USAGE = 2;
const EXIT_FAILED = 1;

interface Options {
  readonly json: boolean;
  readonly store: string;
}

const parseOptions = (args: readonly string[]): Options | undefined => {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { json: { type: "boolean", default: false }, store: { type: "string", default: "memory" } },
      strict: true,
      allowPositionals: false,
    });
    return { json: values.json, store: values.store };
  } catch (error) {
    // parseArgs throws a TypeError naming the unknown option or missing value; say it, then how to call.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
};

/**
 * The store named by `--store`. In memory, events are stamped with the round's own dates, so
 * "as of" questions read like 2009; any other URL (`pglite:DIR`, `postgres://…`, `esdb://…`)
 * keeps the history for the `grantledger` command, stamped with the real time of the run. The
 * command ids are fixed, so seeding a store that already holds the round adds nothing.
 */
const openDemoStore = async (url: string, clock: StepClock): Promise<EventStore> =>
  url === "memory" ? createMemoryEventStore({ now: clock.now }) : openStore(url, { create: true });

const main = async (args: readonly string[]): Promise<number> => {
  const options = parseOptions(args);
  if (options === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  const clock = createStepClock(osloTime(TIMELINE.roundOpened.date, TIMELINE.roundOpened.hour));
  let store: EventStore;
  try {
    store = await openDemoStore(options.store, clock);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    const ledger = createGrantLedger({ store, historical: DEMO_HISTORY });
    const seeded = await seedRound(ledger, { beforeStep: (step) => clock.set(step.at) })();
    if (E.isLeft(seeded)) {
      process.stderr.write(`${describeSeedFailure(seeded.left)}\n`);
      return EXIT_FAILED;
    }
    const report = await buildReport(store, ROUND_ID)();
    if (E.isLeft(report)) {
      process.stderr.write(`cannot report: ${describeReportError(report.left)}\n`);
      return EXIT_FAILED;
    }
    process.stdout.write(options.json ? `${JSON.stringify(reportJson(report.right), null, 2)}\n` : `${renderReport(report.right)}\n`);
    return 0;
  } finally {
    await store.close();
  }
};

process.exitCode = await main(process.argv.slice(2));
