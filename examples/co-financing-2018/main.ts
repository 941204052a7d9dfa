/**
 * `pnpm example:co-financing [--json]`: seeds the 2018 round of Difi's co-financing scheme into
 * an in-memory event store through the ledger's commands, then prints what the read models make
 * of it: the budget, the applications, the refused commands, and planned against reported
 * benefits per project and per category.
 */
import { parseArgs } from "node:util";
import { createGrantLedger } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { createBusinessTimeStore } from "./businessTimeStore.js";
import { TIMELINE, winterTime } from "./data/timeline.js";
import { ROUND_ID } from "./ids.js";
import { renderReport } from "./printTables.js";
import { buildReport, describeReportError } from "./report.js";
import { reportJson } from "./reportJson.js";
import { describeSeedFailure, seedRound } from "./seedRound.js";

const USAGE = "usage: pnpm example:co-financing [--json]";

/** Exit codes: 0 done, 1 the ledger or a projection failed, 2 a bad command line. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** `--json` or nothing; `undefined` (after saying why) for anything else. */
const parseOptions = (args: readonly string[]): { readonly json: boolean } | undefined => {
  try {
    const { values } = parseArgs({ args: [...args], options: { json: { type: "boolean", default: false } }, strict: true, allowPositionals: false });
    return { json: values.json };
  } catch (error) {
    // parseArgs throws a TypeError naming the unknown option or stray argument; say it, then how to call.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
};

const main = async (args: readonly string[]): Promise<number> => {
  const options = parseOptions(args);
  if (options === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  const { store, moveTo } = createBusinessTimeStore(winterTime(TIMELINE.roundOpened, 9));
  try {
    const seeded = await seedRound(createGrantLedger({ historical: { reason: "the 2018 co-financing round, replayed as an example" }, store }), { beforeStep: (step) => moveTo(step.at) })();
    if (E.isLeft(seeded)) {
      process.stderr.write(`${describeSeedFailure(seeded.left)}\n`);
      return EXIT_FAILED;
    }
    const report = await buildReport(store, ROUND_ID, seeded.right.refusals)();
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
