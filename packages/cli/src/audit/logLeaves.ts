import * as E from "fp-ts/lib/Either.js";
import {
  computeEventHash,
  decodeSeal,
  logLeafHash,
  readAllPages,
  SEAL_STREAM,
  StoreFailure,
  type ProofSeal,
  type RecordedEvent,
} from "@grantledger/core";
import { CliError } from "../cliError.js";
import { readHistoryFile } from "../history/historyFile.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { openStore } from "../store/openStore.js";
import { chooseSource, type SourceOptions } from "../store/historySource.js";
import { parseStoreUrl } from "../store/storeUrl.js";

/** A history's log, read once: every leaf hash, the version-2 seals, and the events asked for. */
export interface HistoryLog {
  /** Every leaf hash, in global order. */
  readonly leafHashes: readonly Buffer[];
  /** Each version-2 seal by the position it covers (the last, where two cover one position). */
  readonly seals: ReadonlyMap<bigint, ProofSeal>;
  /** The events asked for, by `stream@revision`, with their leaf index. */
  readonly found: ReadonlyMap<string, { readonly event: RecordedEvent; readonly index: number }>;
  /** How to name the history in messages. */
  readonly label: string;
}

async function* sourceEvents(options: SourceOptions): AsyncGenerator<{ event: RecordedEvent; contentHash?: string }> {
  const source = chooseSource(options);
  if (source.kind === "file") {
    yield* readHistoryFile(source.path);
    return;
  }
  const store = await openStore(source.url);
  try {
    for await (const event of readAllPages(store)) yield { event };
  } catch (error) {
    if (error instanceof StoreFailure) throw new CliError(`cannot read ${parseStoreUrl(source.url).display}: ${describeStoreError(error.error)}`);
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * Reads a history once and keeps its log: what `prove` builds proofs from. An event whose
 * content does not hash to its hash is refused by name (a proof from a broken history would
 * prove nothing); `verify` says more.
 */
export const readHistoryLog = async (options: SourceOptions, wanted: ReadonlySet<string>): Promise<HistoryLog> => {
  const source = chooseSource(options);
  const label = source.kind === "file" ? source.path : parseStoreUrl(source.url).display;
  const leafHashes: Buffer[] = [];
  const seals = new Map<bigint, ProofSeal>();
  const found = new Map<string, { event: RecordedEvent; index: number }>();
  for await (const { event, contentHash } of sourceEvents(options)) {
    const hash = contentHash ?? computeEventHash(event);
    const where = `${event.streamName}@${event.revision}`;
    if (hash !== event.metadata["hash"]) throw new CliError(`${label}: ${where} (position ${event.position}) does not hash to its hash; run grantledger verify`);
    const index = leafHashes.length;
    leafHashes.push(logLeafHash({ index, recordedAt: event.recordedAt, eventHash: hash }));
    if (wanted.has(where)) found.set(where, { event, index });
    if (event.streamName === SEAL_STREAM) {
      const seal = decodeSeal(event);
      if (E.isRight(seal) && seal.right.version === 2) {
        const { treeSize, root, position, sealedAt, signature } = seal.right.data;
        seals.set(BigInt(position), { treeSize, root, position, sealedAt, ...(signature === undefined ? {} : { signature }) });
      }
    }
  }
  return { leafHashes, seals, found, label };
};
