import type { EventStore, RecordedEvent } from "@grantledger/core";
import { CliError, usageError } from "../cliError.js";
import { startProgress } from "../output/progress.js";
import { historyFileSize, readHistoryFile } from "../history/historyFile.js";
import { createHistoryStore, type HistoryScan } from "./historyStore.js";
import { openStore } from "./openStore.js";
import { parseStoreUrl } from "./storeUrl.js";

/** Where a command reads history from: one of the two, never both. */
export interface SourceOptions {
  /** A store URL (`--store`). */
  readonly store?: string;
  /** An exported NDJSON history (`--from`), read-only. */
  readonly from?: string;
}

/** An open history to read: a store, and how to name it in messages. */
export interface HistorySource {
  readonly store: EventStore;
  /** The file name, or the store URL without its password. */
  readonly label: string;
  /** The file, when the history comes from one. */
  readonly file: string | undefined;
  close(): Promise<void>;
}

/**
 * The store URL to use: `--store`, else `GRANTLEDGER_STORE` (an empty one counts as unset), so
 * an operator can name the store once per shell. A usage error when there is none.
 */
export const storeUrlOf = (option: string | undefined): string => {
  const url = option ?? process.env["GRANTLEDGER_STORE"];
  if (url === undefined || url === "") throw usageError("no store: give --store <url> or set GRANTLEDGER_STORE");
  return url;
};

/**
 * Checks that at most one of `--store` and `--from` is given. An explicit `--from` wins over
 * `GRANTLEDGER_STORE`, which only stands in for a missing `--store`.
 */
export const chooseSource = (options: SourceOptions): { kind: "store"; url: string } | { kind: "file"; path: string } => {
  if (options.store !== undefined && options.from !== undefined) throw usageError("give --store <url> or --from <file>, not both");
  if (options.from !== undefined) return { kind: "file", path: options.from };
  if (options.store === undefined && (process.env["GRANTLEDGER_STORE"] ?? "") === "") {
    throw usageError("no history to read: give --store <url> (or set GRANTLEDGER_STORE) or --from <history.ndjson>");
  }
  return { kind: "store", url: storeUrlOf(options.store) };
};

/**
 * A pass over a history file, checking that positions rise (events out of global order cannot be
 * read as a store; `verify` says more about such a file), with a progress bar for a long one.
 */
const scanHistoryFile = (path: string, size: number): HistoryScan =>
  async function* () {
    const progress = startProgress({ label: `reading ${path}`, total: size, unit: "bytes" });
    let previous: RecordedEvent | undefined;
    try {
      for await (const { event, line } of readHistoryFile(path, (bytes) => progress.update(bytes))) {
        if (previous !== undefined && event.position <= previous.position) {
          throw new CliError(`${path}:${line}: position ${event.position} is not above the previous event's (${previous.position}); run grantledger verify --from ${path}`);
        }
        previous = event;
        yield event;
      }
    } finally {
      progress.stop();
    }
  };

/**
 * A history file as a read-only store that keeps its positions and times and holds none of it:
 * each read is a pass over the file (see {@link createHistoryStore}), so memory does not grow
 * with the file's size. A file that cannot be read is refused here, before any command runs.
 */
export const fileHistorySource = async (path: string): Promise<HistorySource> => {
  const size = await historyFileSize(path);
  const store = createHistoryStore(scanHistoryFile(path, size));
  return { store, label: path, file: path, close: () => store.close() };
};

/** Opens the store or the file the options name. */
export const openSource = async (options: SourceOptions): Promise<HistorySource> => {
  const chosen = chooseSource(options);
  if (chosen.kind === "file") return fileHistorySource(chosen.path);
  const store = await openStore(chosen.url);
  return { store, label: parseStoreUrl(chosen.url).display, file: undefined, close: () => store.close() };
};

/** Runs `work` on an open source and closes it whatever happens. */
export const withSource = async <A>(options: SourceOptions, work: (source: HistorySource) => Promise<A>): Promise<A> => {
  const source = await openSource(options);
  try {
    return await work(source);
  } finally {
    await source.close();
  }
};
