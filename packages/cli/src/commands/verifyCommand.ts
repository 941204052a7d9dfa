import * as E from "fp-ts/lib/Either.js";
import { describeHistoryBreak, type ExpectedRoot } from "@grantledger/core";
import { verifyHistoryFile, verifyStore, type VerifyOutcome } from "../audit/verifySources.js";
import { EXIT_FAILED, EXIT_OK, usageError } from "../cliError.js";
import { formatCount, formatRate } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { openStore } from "../store/openStore.js";
import { chooseSource, type SourceOptions } from "../store/historySource.js";
import { parseStoreUrl } from "../store/storeUrl.js";

export interface VerifyOptions extends SourceOptions {
  /** Roots kept outside the store, as `<root>@<position>`. */
  readonly expectRoot?: readonly string[];
}

const KEPT_ROOT = /^([0-9a-f]{64})@(0|[1-9]\d*)$/;

/** Parses `--expect-root <root>@<position>`; a malformed one is a usage error. */
export const parseExpectedRoot = (text: string): ExpectedRoot => {
  const match = KEPT_ROOT.exec(text.trim().toLowerCase());
  if (match === null) throw usageError(`--expect-root "${text}" is not <root>@<position> (64 hex digits, @, a whole number)`);
  return { root: match[1] as string, position: BigInt(match[2] as string) };
};

/** The break as one line: what, where in the history (and in the file), expected vs found. */
export const describeOutcomeBreak = (outcome: VerifyOutcome, label: string): string | undefined => {
  if (E.isRight(outcome.result)) return undefined;
  const where = outcome.line === undefined ? "" : ` [${label}:${outcome.line}]`;
  return `history broken: ${describeHistoryBreak(outcome.result.left)}${where}`;
};

/** Runs a verification on the source the options name. */
export const verifySource = async (options: SourceOptions, expectedRoots: readonly ExpectedRoot[]): Promise<{ outcome: VerifyOutcome; label: string }> => {
  const source = chooseSource(options);
  if (source.kind === "file") return { outcome: await verifyHistoryFile(source.path, expectedRoots), label: source.path };
  const label = parseStoreUrl(source.url).display;
  const store = await openStore(source.url);
  try {
    return { outcome: await verifyStore(store, label, expectedRoots), label };
  } finally {
    await store.close();
  }
};

/**
 * `grantledger verify`: exit 0 and a summary when every event decodes, every chain link and
 * content hash holds and every seal (and kept root) matches; exit 1 naming the first break.
 */
export const verifyCommand = async (options: VerifyOptions, output: Output): Promise<number> => {
  const expectedRoots = (options.expectRoot ?? []).map(parseExpectedRoot);
  const { outcome, label } = await verifySource(options, expectedRoots);
  const broken = describeOutcomeBreak(outcome, label);
  if (broken !== undefined || E.isLeft(outcome.result)) {
    output.out(broken ?? "history broken");
    return EXIT_FAILED;
  }
  const verified = outcome.result.right;
  const roots = [`${formatCount(verified.seals)} seal${verified.seals === 1 ? "" : "s"}`];
  if (expectedRoots.length > 0) roots.push(`${formatCount(expectedRoots.length)} kept root${expectedRoots.length === 1 ? "" : "s"}`);
  const last = verified.lastPosition === undefined ? "no events" : `up to position ${verified.lastPosition}`;
  output.out(`intact: ${formatCount(verified.events)} events in ${formatCount(verified.streams)} streams, ${roots.join(" and ")} verified (${last})`);
  output.out(`verified in ${(outcome.milliseconds / 1000).toFixed(2)} s: ${formatRate(verified.events, outcome.milliseconds, "events")}`);
  return EXIT_OK;
};
