import * as E from "fp-ts/lib/Either.js";
import {
  readAllPages,
  SEAL_STREAM,
  StoreFailure,
  verifyHistory,
  type EventStore,
  type ExpectedRoot,
  type HistoryBreak,
  type RecordedEvent,
  type VerifiedHistory,
} from "@grantledger/core";
import { CliError } from "../cliError.js";
import { historyFileSize, readHistoryFile, readHistorySeals, type NumberedEvent } from "../history/historyFile.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { startProgress } from "../output/progress.js";

/** What a verification found, how long it took, and, for a file, the line of the break. */
export interface VerifyOutcome {
  /** The first break, or what was verified. */
  readonly result: E.Either<HistoryBreak, VerifiedHistory>;
  /** How long verifying took, wall-clock. */
  readonly milliseconds: number;
  /** The line of the history file the break is on, when it is on one. */
  readonly line: number | undefined;
}

/**
 * Verifies an exported history in two streaming passes: the seals first (their positions tell
 * where each root is checked), then every event. Memory stays proportional to the number of
 * streams, so a file of millions of events verifies on a small machine.
 */
export const verifyHistoryFile = async (path: string, expectedRoots: readonly ExpectedRoot[]): Promise<VerifyOutcome> => {
  const size = await historyFileSize(path);
  const started = performance.now();
  // The seal pass only splits lines; the verifying pass parses and hashes, about nine times the work.
  const progress = startProgress({ label: `verifying ${path}`, total: 10 * size, unit: "bytes" });
  try {
    const seals = await readHistorySeals(path, (bytes) => progress.update(bytes));
    let current: NumberedEvent | undefined;
    async function* events(): AsyncGenerator<RecordedEvent> {
      for await (const numbered of readHistoryFile(path, (bytes) => progress.update(size + 9 * bytes))) {
        current = numbered;
        yield numbered.event;
      }
    }
    const result = await verifyHistory(events(), { seals: seals.map((seal) => seal.event), expectedRoots });
    const milliseconds = performance.now() - started;
    if (E.isRight(result)) return { result, milliseconds, line: undefined };
    return { result, milliseconds, line: lineOfBreak(result.left, seals, current) };
  } finally {
    progress.stop();
  }
};

/** A root break is the seal's doing (its line) or a kept root's (no line); any other, the event just read. */
const lineOfBreak = (found: HistoryBreak, seals: readonly NumberedEvent[], current: NumberedEvent | undefined): number | undefined => {
  if (found.kind === "expected-root") return undefined;
  if (found.kind === "seal-root") return seals.find((seal) => seal.event.revision === found.revision)?.line;
  return current?.line;
};

/** Verifies a store's whole history: the `seal` stream first, then every event in global order. */
export const verifyStore = async (store: EventStore, label: string, expectedRoots: readonly ExpectedRoot[]): Promise<VerifyOutcome> => {
  const started = performance.now();
  const progress = startProgress({ label: `verifying ${label}`, unit: "events" });
  try {
    const seals = await store.readStream(SEAL_STREAM)();
    if (E.isLeft(seals) && seals.left._tag !== "StreamNotFound") throw new CliError(`cannot read ${label}: ${describeStoreError(seals.left)}`);
    let count = 0;
    async function* events(): AsyncGenerator<RecordedEvent> {
      for await (const event of readAllPages(store)) {
        count += 1;
        if ((count & 0x3ff) === 0) progress.update(count);
        yield event;
      }
    }
    const result = await verifyHistory(events(), { seals: E.isRight(seals) ? seals.right : [], expectedRoots });
    return { result, milliseconds: performance.now() - started, line: undefined };
  } catch (error) {
    if (error instanceof StoreFailure) throw new CliError(`cannot read ${label}: ${describeStoreError(error.error)}`);
    throw error;
  } finally {
    progress.stop();
  }
};
