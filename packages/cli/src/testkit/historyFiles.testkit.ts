import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordedEvent } from "@grantledger/core";
import { allEvents, buildAuditStore, historyText } from "./auditHistory.testkit.js";
import { runGrantledger, type CliRun } from "./runCliProcess.testkit.js";

/** A temporary folder holding the exported audit history, and the CLI runs a test file made on it. */
export interface CliFixture {
  readonly dir: string;
  /** The exported history, `history.ndjson` in `dir`. */
  readonly file: string;
  readonly text: string;
  readonly events: readonly RecordedEvent[];
  /** Results of the runs started with {@link runAll}, by name. */
  run(name: string): CliRun;
  /** Runs every invocation at once (each is a process of its own) and keeps the results. */
  runAll(invocations: Readonly<Record<string, readonly string[]>>): Promise<void>;
  remove(): Promise<void>;
}

/** Exports the audit history (built through the ledger on a memory store) into a new temporary folder. */
export const createCliFixture = async (prefix: string): Promise<CliFixture> => {
  const dir = await mkdtemp(join(tmpdir(), `grantledger-${prefix}-`));
  const events = await allEvents(await buildAuditStore());
  const text = historyText(events);
  const file = join(dir, "history.ndjson");
  await writeFile(file, text);
  const runs = new Map<string, CliRun>();
  return {
    dir,
    file,
    text,
    events,
    run: (name) => {
      const found = runs.get(name);
      if (found === undefined) throw new Error(`no run named ${name}`);
      return found;
    },
    runAll: async (invocations) => {
      const results = await Promise.all(Object.entries(invocations).map(async ([name, args]) => [name, await runGrantledger(args)] as const));
      for (const [name, result] of results) runs.set(name, result);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
};
