import * as E from "fp-ts/lib/Either.js";
import { describeHistoryBreak, describeRuleBreak, type ExpectedRoot, type VerifiedHistory, formatMoney, type Money } from "@grantledger/core";
import { loadEventCodecs } from "../audit/eventDefinitionsModules.js";
import { readTrustedKeys } from "../audit/sealKeys.js";
import { verifyHistoryFile, verifyStore, type VerifyChecks, type VerifyOutcome } from "../audit/verifySources.js";
import { EXIT_EMPTY, EXIT_FAILED, EXIT_OK, usageError } from "../cliError.js";
import { formatCount, formatRate } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { openStore } from "../store/openStore.js";
import { chooseSource, type SourceOptions } from "../store/historySource.js";
import { parseStoreUrl } from "../store/storeUrl.js";

export interface VerifyOptions extends SourceOptions {
  /** Roots kept outside the store, as `<root>@<position>`. */
  readonly expectRoot?: readonly string[];
  /** PEM files of the sealers' public keys to demand signatures by. */
  readonly publicKey?: readonly string[];
  /** Replay the rules too. */
  readonly rules?: boolean;
  /** Modules exporting stream types of one's own, whose event codecs the verifier takes (`--events`, repeatable). */
  readonly events?: readonly string[];
}

const KEPT_ROOT = /^([0-9a-f]{64})@(0|[1-9]\d*)$/;

/** Parses `<root>@<position>` (`--expect-root`, `--root`); a malformed one is a usage error. */
export const parseExpectedRoot = (text: string, option = "--expect-root"): ExpectedRoot => {
  const match = KEPT_ROOT.exec(text.trim().toLowerCase());
  if (match === null) throw usageError(`${option} "${text}" is not <root>@<position> (64 hex digits, @, a whole number)`);
  return { root: match[1] as string, position: BigInt(match[2] as string) };
};

/** Said after an event of a type neither the catalogue nor `--events` knows. */
export const UNKNOWN_TYPE_HINT = " (an event type of your own? give the module that exports its stream type with --events <module>)";

/** The break as one line: what, where in the history (and in the file), expected vs found. */
export const describeOutcomeBreak = (outcome: VerifyOutcome, label: string): string | undefined => {
  if (E.isRight(outcome.result)) return undefined;
  const where = outcome.line === undefined ? "" : ` [${label}:${outcome.line}]`;
  const failed = outcome.result.left;
  if (failed._tag === "RuleBreak") return `history breaks a rule: ${describeRuleBreak(failed)}${where}`;
  // An event type of the application's own is never passed over: the verifier needs its codec.
  const hint = failed.kind === "undecodable" && failed.found.includes("unknown event type") ? UNKNOWN_TYPE_HINT : "";
  return `history broken: ${describeHistoryBreak(failed)}${where}${hint}`;
};

/** Runs a verification on the source the options name. */
export const verifySource = async (options: SourceOptions, checks: VerifyChecks): Promise<{ outcome: VerifyOutcome; label: string }> => {
  const source = chooseSource(options);
  if (source.kind === "file") return { outcome: await verifyHistoryFile(source.path, checks), label: source.path };
  const label = parseStoreUrl(source.url).display;
  const store = await openStore(source.url);
  try {
    return { outcome: await verifyStore(store, label, checks), label };
  } finally {
    await store.close();
  }
};

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/**
 * What the seals of a verified history guarantee, in lines for an auditor: which version, what
 * no seal covers yet, and who signed (docs/audit.md §7).
 */
export const describeGuarantees = (verified: VerifiedHistory): string[] => {
  const lines: string[] = [];
  const v2 = verified.verifiedSeals.filter((seal) => seal.version === 2);
  const v1 = verified.verifiedSeals.length - v2.length;
  const lastV2 = v2[v2.length - 1];
  if (lastV2 !== undefined) {
    lines.push(`sealed: the first ${plural(lastV2.treeSize ?? 0, "event")} (content, order, recorded time, presence) by seal@${lastV2.revision}, root ${lastV2.root}@${lastV2.covers}`);
  }
  if (verified.unsealed > 0 && verified.events > 0) {
    lines.push(`unsealed: the last ${plural(verified.unsealed, "event")} ${verified.unsealed === 1 ? "is" : "are"} covered by no version-2 seal: only the hash chain protects ${verified.unsealed === 1 ? "it" : "them"} (a changed recorded time, global order, or a removed last event there would go unseen); seal again to fix ${verified.unsealed === 1 ? "it" : "them"}`);
  }
  if (v1 > 0) {
    lines.push(`version 1: ${plural(v1, "seal")} of the old format fix each stream's last event at their positions, not global order, recorded times or the seal stream itself`);
  }
  const anySigned = v2.some((seal) => seal.signedBy !== undefined);
  for (const seal of v2) {
    if (seal.signedBy === undefined && anySigned) lines.push(`unsigned: seal@${seal.revision} (${plural(seal.treeSize ?? 0, "event")}) carries no signature: only the signed seals vouch for what they cover`);
    if (seal.signedBy !== undefined) {
      lines.push(`signed: seal@${seal.revision} (${plural(seal.treeSize ?? 0, "event")}, root ${short(seal.root)}) by key ${seal.signedBy.keyId}${seal.signedBy.trusted ? " (trusted)" : " (not among --public-key)"}, given by ${seal.actor}`);
    }
  }
  lines.push(`log root now: ${verified.log.root} over ${plural(verified.log.treeSize, "event")}`);
  return lines;
};

/**
 * `grantledger verify`: exit 0 and a summary when every event decodes, every chain link and
 * content hash holds and every seal (and kept root, and signature demanded) matches — and, with
 * `--rules`, no event breaks a rule; exit 1 naming the first break; exit 3 for a history with
 * no events at all (nothing verified is not intact).
 */
export const verifyCommand = async (options: VerifyOptions, output: Output): Promise<number> => {
  const expectedRoots = (options.expectRoot ?? []).map((text) => parseExpectedRoot(text));
  const trustedKeys = readTrustedKeys(options.publicKey);
  const codecs = await loadEventCodecs(options.events ?? []);
  const { outcome, label } = await verifySource(options, { expectedRoots, trustedKeys, rules: options.rules === true, ...(codecs === undefined ? {} : { codecs }) });
  const broken = describeOutcomeBreak(outcome, label);
  if (broken !== undefined || E.isLeft(outcome.result)) {
    output.out(broken ?? "history broken");
    return EXIT_FAILED;
  }
  const verified = outcome.result.right;
  if (verified.events === 0) {
    output.out(`history empty: ${label} holds no events, so nothing was verified`);
    return EXIT_EMPTY;
  }
  const roots = [plural(verified.seals, "seal")];
  if (expectedRoots.length > 0) roots.push(plural(verified.keptRoots, "kept root"));
  const last = verified.lastPosition === undefined ? "no events" : `up to position ${verified.lastPosition}`;
  output.out(`intact: ${plural(verified.events, "event")} in ${plural(verified.streams, "stream")}, ${roots.join(" and ")} verified (${last})`);
  for (const line of describeGuarantees(verified)) output.out(line);
  if (outcome.rules !== undefined) {
    output.out(`rules: ${plural(outcome.rules.events, "event")} of ${plural(outcome.rules.grants, "grant")} and ${plural(outcome.rules.rounds, "round")} replayed through the deciders, no rule broken`);
    // Not a break: a command that crashed between its two appends leaves this until retried.
    for (const { grantId, roundId, held, needed } of outcome.rules.unsettled) {
      output.out(`unsettled: round ${roundId} holds ${formatMoney(held as Money)} for grant ${grantId}, which needs ${formatMoney(needed as Money)} (a command interrupted between its two appends; its retry, or the grant's next decision, settles it)`);
    }
  }
  output.out(`verified in ${(outcome.milliseconds / 1000).toFixed(2)} s: ${formatRate(verified.events, outcome.milliseconds, "events")}`);
  return EXIT_OK;
};
