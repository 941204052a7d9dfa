/**
 * `pnpm bench [--only NAME]... [--grants N]`: runs the workloads side by side with Emmett (or against the
 * machine's own floor), prints the table, and writes bench/results.json.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeMachine } from "./lib/machine.js";
import { toResultsFile, writeResults } from "./lib/results.js";
import { renderNotes, renderTable } from "./lib/table.js";
import { WORKLOAD_NAMES, type ResultRow, type WorkloadName } from "./lib/workload.js";
import { WORKLOADS } from "./workloads/index.js";

const isWorkloadName = (name: string): name is WorkloadName => (WORKLOAD_NAMES as readonly string[]).includes(name);

const selected = (only: readonly string[] | undefined): readonly WorkloadName[] => {
  if (only === undefined || only.length === 0) return WORKLOAD_NAMES;
  const unknown = only.filter((name) => !isWorkloadName(name));
  if (unknown.length > 0) {
    throw new Error(`unknown workload ${unknown.join(", ")}; choose from ${WORKLOAD_NAMES.join(", ")}`);
  }
  return WORKLOAD_NAMES.filter((name) => only.includes(name));
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { only: { type: "string", multiple: true }, grants: { type: "string" } }, strict: true });
  const names = selected(values.only);
  const grants = values.grants === undefined ? undefined : Number(values.grants);
  if (grants !== undefined && (!Number.isSafeInteger(grants) || grants < 1)) throw new Error(`--grants takes a whole number of grants, not ${values.grants}`);
  const machine = describeMachine();
  const log = (line: string): void => console.log(line);
  log(`grantledger bench on ${machine}, Node ${process.version}`);
  const started = performance.now();
  const rows: ResultRow[] = [];
  for (const name of names) {
    const workload = WORKLOADS[name];
    const workloadStarted = performance.now();
    log(`\n${name}: ${workload.measures}`);
    rows.push(...(await workload.run(log, { grants })));
    log(`  (${((performance.now() - workloadStarted) / 1000).toFixed(1)} s)`);
  }
  log(`\n${renderTable(rows)}\n`);
  const notes = renderNotes(rows);
  if (notes !== "") log(`${notes}\n`);
  const resultsPath = fileURLToPath(new URL("./results.json", import.meta.url));
  await writeResults(resultsPath, toResultsFile(machine, rows));
  log(`machine: ${machine}; node ${process.version}; total ${((performance.now() - started) / 1000).toFixed(0)} s; written to bench/results.json`);
};

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
