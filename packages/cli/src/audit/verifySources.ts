import type { KeyObject } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import {
  createRuleReplay,
  HistoryVerifier,
  readAllPages,
  StoreFailure,
  type EventCodecs,
  type EventStore,
  type ExpectedRoot,
  type HistoryBreak,
  type RecordedEvent,
  type RuleBreak,
  type RulesReplayed,
  type VerifiedHistory,
} from "@grantledger/core";
import { CliError } from "../cliError.js";
import { historyFileSize, readHistoryBatches, type NumberedEvent } from "../history/historyFile.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { startProgress } from "../output/progress.js";

/** What to check besides the hash chain. */
export interface VerifyChecks {
  /** Roots kept outside the store. */
  readonly expectedRoots?: readonly ExpectedRoot[];
  /** Sealers' public keys: every version-2 seal must be signed by one of them. */
  readonly trustedKeys?: readonly KeyObject[];
  /** Also replay every event through the deciders (`verify --rules`). */
  readonly rules?: boolean;
  /** Event types of one's own, with their codecs (`verify --events`). */
  readonly codecs?: EventCodecs;
}

/** What a verification found, how long it took, and, for a file, the line of the break. */
export interface VerifyOutcome {
  /** The first break (of the chain, a seal, a kept root, or a rule), or what was verified. */
  readonly result: E.Either<HistoryBreak | RuleBreak, VerifiedHistory>;
  /** What rule replay checked, when asked for and nothing broke. */
  readonly rules: RulesReplayed | undefined;
  /** How long verifying took, wall-clock. */
  readonly milliseconds: number;
  /** The line of the history file the break is on, when it is on one. */
  readonly line: number | undefined;
}

/**
 * Runs the history verifier (and rule replay) over events in one pass: each event is read once
 * and every check sees that one reading. An event is replayed through the deciders once the
 * verifier has passed it, so the first break in history order wins. The source comes in
 * batches, awaited once each; the events of a batch go through in a plain loop.
 */
const verifyEvents = async <Read extends { readonly event: RecordedEvent; readonly contentHash?: string }>(
  source: AsyncIterable<Iterable<Read>>,
  checks: VerifyChecks,
  onEvent: (read: Read) => void,
): Promise<Omit<VerifyOutcome, "milliseconds" | "line">> => {
  const replay = checks.rules === true ? createRuleReplay() : undefined;
  const verifier = new HistoryVerifier({ expectedRoots: checks.expectedRoots ?? [], trustedKeys: checks.trustedKeys ?? [], ...(checks.codecs === undefined ? {} : { codecs: checks.codecs }) });
  for await (const batch of source) {
    for (const read of batch) {
      onEvent(read);
      const failed = verifier.check(read.event, read.contentHash);
      if (failed !== undefined) return { result: E.left(failed), rules: undefined };
      const ruleBreak = replay?.step(read.event);
      // Once a rule breaks the verifier reads no further, and the rule's break is the answer.
      if (ruleBreak !== undefined) return { result: E.left(ruleBreak), rules: undefined };
    }
  }
  const result = verifier.finish();
  return { result, rules: E.isRight(result) ? replay?.summary() : undefined };
};

/** What else {@link verifyHistoryFile} does while it reads. */
export interface VerifyFileOptions {
  /**
   * Given each batch of the file's events once the verifier has passed every event in it (hash
   * chain, order, seals, kept roots so far; rule replay, when asked for, may still break on a
   * batch's last event), awaited before the next batch is read: `import` appends what it has
   * verified in the same pass. Nothing after a break is given; a hook that throws stops the pass.
   */
  readonly onVerified?: (events: readonly NumberedEvent[]) => Promise<void>;
  /** The progress bar's label; `verifying <path>` by default. */
  readonly progressLabel?: string;
}

/**
 * Verifies an exported history in one streaming pass, each line read and parsed once. Memory
 * stays proportional to the number of streams (plus 64 bytes an event since the last seal).
 */
export const verifyHistoryFile = async (path: string, checks: VerifyChecks = {}, options: VerifyFileOptions = {}): Promise<VerifyOutcome> => {
  const size = await historyFileSize(path);
  const started = performance.now();
  const progress = startProgress({ label: options.progressLabel ?? `verifying ${path}`, total: size, unit: "bytes" });
  let current: NumberedEvent | undefined;
  try {
    const batches = readHistoryBatches(path, (bytes) => progress.update(bytes));
    const handed = options.onVerified === undefined ? undefined : new HandedOn(batches, options.onVerified);
    const outcome = await verifyEvents(
      handed?.batches() ?? batches,
      checks,
      (read) => {
        current = read;
      },
    );
    if (E.isRight(outcome.result)) await handed?.last();
    const milliseconds = performance.now() - started;
    const failed = E.isLeft(outcome.result) ? outcome.result.left : undefined;
    // A kept root is nobody's line; every other break is the event just read (a seal is checked where it is read).
    const line = failed === undefined || (failed._tag === "HistoryBreak" && failed.kind === "expected-root") ? undefined : lineOf(failed, current);
    return { ...outcome, milliseconds, line };
  } finally {
    progress.stop();
  }
};

/**
 * The file's batches, each handed on once the verifier asks for the next: it asks only when it
 * has checked every event of the one before. The last is handed on by {@link last}, once the
 * verifier has finished without a break.
 */
class HandedOn {
  private pending: NumberedEvent[] | undefined;

  constructor(
    private readonly source: AsyncIterable<Iterable<NumberedEvent>>,
    private readonly onVerified: (events: readonly NumberedEvent[]) => Promise<void>,
  ) {}

  async *batches(): AsyncGenerator<Iterable<NumberedEvent>> {
    for await (const batch of this.source) {
      await this.last();
      const taken: NumberedEvent[] = [];
      this.pending = taken;
      yield (function* () {
        for (const read of batch) {
          taken.push(read);
          yield read;
        }
      })();
    }
  }

  async last(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined && pending.length > 0) await this.onVerified(pending);
  }
}

const lineOf = (failed: HistoryBreak | RuleBreak, current: { event: RecordedEvent; line: number } | undefined): number | undefined =>
  current !== undefined && current.event.position === failed.position ? current.line : undefined;

/** Verifies a store's whole history, in global order, in one pass. */
export const verifyStore = async (store: EventStore, label: string, checks: VerifyChecks = {}): Promise<VerifyOutcome> => {
  const started = performance.now();
  const progress = startProgress({ label: `verifying ${label}`, unit: "events" });
  try {
    let count = 0;
    async function* events(): AsyncGenerator<[{ event: RecordedEvent }]> {
      for await (const event of readAllPages(store)) yield [{ event }];
    }
    const outcome = await verifyEvents(events(), checks, () => {
      count += 1;
      if ((count & 0x3ff) === 0) progress.update(count);
    });
    return { ...outcome, milliseconds: performance.now() - started, line: undefined };
  } catch (error) {
    if (error instanceof StoreFailure) throw new CliError(`cannot read ${label}: ${describeStoreError(error.error)}`);
    throw error;
  } finally {
    progress.stop();
  }
};
