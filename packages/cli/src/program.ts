import { Command, InvalidArgumentError, Option } from "commander";
import { explainCommand, type ExplainOptions } from "./commands/explainCommand.js";
import { exportCommand, type ExportOptions } from "./commands/exportCommand.js";
import { historyCommand } from "./commands/historyCommand.js";
import { forgetCommand, type ForgetOptions } from "./commands/forgetCommand.js";
import { importCommand, type ImportOptions } from "./commands/importCommand.js";
import { proveCommand, type ProveOptions } from "./commands/proveCommand.js";
import { reportCommand, type ReportOptions } from "./commands/reportCommand.js";
import { verifyProofCommand, type VerifyProofOptions } from "./commands/verifyProofCommand.js";
import { sealCommand, type SealOptions } from "./commands/sealCommand.js";
import { totalsCommand, type TotalsOptions } from "./commands/totalsCommand.js";
import { TOTALS_BY } from "./totals/totalsViews.js";
import { verifyCommand, type VerifyOptions } from "./commands/verifyCommand.js";
import type { Output } from "./output/output.js";
import type { TimeOptions } from "./store/asOfOptions.js";
import type { SourceOptions } from "./store/historySource.js";

/** Where the command's exit code goes once its action has run. */
export interface ExitCodeSink {
  exitCode: number;
}

/** Commander puts its "(Did you mean …?)" on a second line; an error here is always one. */
const oneLineError = (text: string): string => (text.startsWith("error:") ? text.trim().replace(/\s*\n\s*/g, " ") : text.trimEnd());

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

/** A whole number of a global position; commander turns the throw into a usage error. */
const parsePosition = (value: string): bigint => {
  if (!/^(0|[1-9]\d*)$/.test(value)) throw new InvalidArgumentError("not a whole number (a global position)");
  return BigInt(value);
};

const storeOption = (): Option =>
  new Option("--store <url>", "the event store: postgres://…, pglite:DIR, pglite:memory or esdb://… (default: $GRANTLEDGER_STORE)");

/** `--store` or `--from`, for commands that only read. */
const withSource = (command: Command): Command =>
  command
    .addOption(storeOption())
    .addOption(new Option("--from <file>", "an exported history (NDJSON), read-only, instead of a store"));

/**
 * The two clocks of a reading command: what was known (`--known-at`, its alias `--as-of`, or
 * `--at-position`) and what was in effect (`--in-effect-on`); see `store/asOfOptions.ts`.
 */
export const withTimes = (command: Command): Command =>
  command
    .addOption(new Option("--known-at <time>", "what the ledger had recorded by this ISO-8601 time (with zone)").conflicts(["atPosition", "asOf"]))
    .addOption(new Option("--as-of <time>", "the former name of --known-at").conflicts("atPosition"))
    .addOption(new Option("--at-position <n>", "what the ledger had recorded up to this global position").argParser(parsePosition))
    .addOption(new Option("--in-effect-on <date>", "only facts in effect by their business dates on this date (YYYY-MM-DD, Norwegian time) or ISO-8601 time"));

/**
 * The `grantledger` command line. Every action sets `sink.exitCode`; parse errors and `--help`
 * surface as commander errors (see `exitOverride`), mapped to exit codes by `runCli`. Commander
 * hands actions untyped option objects; each is annotated with the shape its options define.
 */
export const buildProgram = (output: Output, sink: ExitCodeSink): Command => {
  const program = new Command("grantledger")
    .description("Verify, prove, read, seal, export and import a grantledger event history.")
    .version("0.1.0")
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(oneLineError(text)) });

  withSource(program.command("verify"))
    .description("check every event's codec, hash chain link and content hash, every seal's Merkle root and signature, and with --rules every business rule")
    .option("--expect-root <root@position>", "also check a root kept outside the store (repeatable)", collect, [])
    .option("--public-key <pem>", "demand a seal signed by this Ed25519 key, and none by another (repeatable: any of them)", collect, [])
    .option("--rules", "also replay every event through the deciders and name the first that breaks a rule")
    .option("--events <module>", "decode event types of your own by the stream types this ES module exports (repeatable)", collect, [])
    .addHelpText("after", "\nExit 0 when the history is intact, 1 naming the first break, 2 on a usage error.")
    .action(async (options: VerifyOptions) => {
      sink.exitCode = await verifyCommand(options, output);
    });

  withTimes(withSource(program.command("history")))
    .description("tell one grant's story in plain words, amounts in NOK, as known at and in effect on any day")
    .argument("<grantId>", "the grant's id (its stream is grant-<grantId>)")
    .action(async (grantId: string, options: SourceOptions & TimeOptions) => {
      sink.exitCode = await historyCommand(grantId, options, output);
    });

  withTimes(withSource(program.command("totals")))
    .description("totals per municipality, round, grant or payee, as known at and in effect on any day")
    .addOption(new Option("--by <view>", "what to total by").choices(TOTALS_BY).makeOptionMandatory())
    .option("--round <id>", "only this round's grants (or row)")
    .option("--scheme <id>", "only the grants (or rows) of this scheme's rounds")
    .option("--county <nn>", "only this county's municipalities and the county itself; for grants and payees, grants with a participant there")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .action(async (options: TotalsOptions) => {
      sink.exitCode = await totalsCommand(options, output);
    });

  withTimes(withSource(program.command("explain")))
    .description("one figure of a municipality, participant, round, grant or payee, and every event behind it, with shares and rounding")
    .option("--municipality <no>", "a municipality's figure (municipality number)")
    .option("--participant <key>", "another participant's figure (county:12, org:974760673)")
    .option("--round <id>", "a round's figure")
    .option("--grant <id>", "a grant's figure")
    .option("--payee <orgNo>", "a responsible recipient's figure: the sum of its grants")
    .requiredOption("--field <name>", "the money field, e.g. awarded, disbursed, committed, budget")
    .option("--in-round <id>", "a municipality's or participant's figure within one round")
    .option("--in-scheme <id>", "a municipality's or participant's figure within one scheme")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .addHelpText("after", "\nExit 0 with the explanation, 1 for a subject the history does not hold, 2 on a usage error (an unknown field).")
    .action(async (options: ExplainOptions) => {
      sink.exitCode = await explainCommand(options, output);
    });

  program
    .command("seal")
    .description("seal the store: append the Merkle root over every event so far (version 2), and print it")
    .addOption(storeOption())
    .option("--actor <who>", "who seals, recorded in the seal's metadata", "grantledger-cli")
    .option("--key <pem>", "sign the seal with this Ed25519 private key (PKCS #8 PEM)")
    .addHelpText("after", "\nKeep the printed root outside the store (an annual report, a letter); check it later with\n  grantledger verify --expect-root <root>@<position>")
    .action(async (options: SealOptions) => {
      sink.exitCode = await sealCommand(options, output);
    });

  withTimes(withSource(program.command("export")))
    .description("write the history (NDJSON), the grant register (CSV), awarded grants (360Giving JSON) or the totals' views (an xlsx workbook)")
    .addOption(new Option("--format <format>", "what to write").choices(["ndjson", "csv", "360giving", "xlsx"]).default("ndjson"))
    .option("--out <file>", "write to this file instead of stdout (required for xlsx)")
    .option("--round <id>", "xlsx: only this round's grants (or row)")
    .option("--scheme <id>", "xlsx: only the grants (or rows) of this scheme's rounds")
    .option("--county <nn>", "xlsx: only this county's municipalities and the county itself; grants and payees with a participant there")
    .action(async (options: ExportOptions) => {
      sink.exitCode = await exportCommand(options, output);
    });

  withTimes(withSource(program.command("report")))
    .description("write an audit report of a round or a scheme: one self-contained HTML file (charts, tables, integrity, every figure explained)")
    .addOption(new Option("--round <id>", "the round to report on").conflicts("scheme"))
    .addOption(new Option("--scheme <id>", "the scheme to report on, every round of it"))
    .addOption(new Option("--out <file>", "the HTML file to write").makeOptionMandatory())
    .option("--public-key <pem>", "a sealer's Ed25519 public key to mark as trusted (repeatable)", collect, [])
    .action(async (options: ReportOptions) => {
      sink.exitCode = await reportCommand(options, output);
    });

  program
    .command("import")
    .description("append an exported history to a store, after verifying it; importing twice adds nothing")
    .argument("<file>", "the exported history (NDJSON)")
    .addOption(new Option("--to <url>", "the target store: postgres://…, pglite:DIR or esdb://…").makeOptionMandatory())
    .option("--expect-root <root@position>", "also check a root kept outside the store before importing (repeatable)", collect, [])
    .option("--public-key <pem>", "demand a seal signed by this Ed25519 key, and none by another (repeatable)", collect, [])
    .option("--no-rules", "do not replay the business rules before importing (the output says so)")
    .action(async (file: string, options: ImportOptions) => {
      sink.exitCode = await importCommand(file, options, output);
    });

  withSource(program.command("prove"))
    .description("write an RFC 9162 proof: an event's inclusion in a seal, or one seal's consistency with a later one")
    .option("--event <stream@revision>", "the event to prove included (with --seal)")
    .addOption(new Option("--seal <position>", "the seal, by the position it covers (as seal printed it)").argParser(parsePosition))
    .addOption(new Option("--from-seal <position>", "the earlier seal of a consistency proof").argParser(parsePosition))
    .addOption(new Option("--to-seal <position>", "the later seal of a consistency proof").argParser(parsePosition))
    .option("--out <file>", "write the proof to this file instead of stdout")
    .addHelpText("after", "\nCheck the proof with: grantledger verify-proof <file> --root <root>@<position>")
    .action(async (options: ProveOptions) => {
      sink.exitCode = await proveCommand(options, output);
    });

  program
    .command("verify-proof")
    .description("check a proof file alone (no history, no store) against roots you kept or keys you trust")
    .argument("<file>", "the proof (JSON), as prove wrote it")
    .option("--root <root@position>", "a root you kept, as seal printed it (repeatable)", collect, [])
    .option("--public-key <pem>", "a sealer's Ed25519 public key you trust (repeatable)", collect, [])
    .addHelpText("after", "\nExit 0 when the proof holds, 1 naming why not, 2 on a usage error or an unreadable file.")
    .action(async (file: string, options: VerifyProofOptions) => {
      sink.exitCode = await verifyProofCommand(file, options, output);
    });

  program
    .command("forget")
    .description("erase a data subject's key of personal data (PostgreSQL/PGlite stores): what was sealed with it reads as [erased], and verify still holds")
    .argument("<subject>", "the person, by the exact text the personal fields name them by")
    .addOption(storeOption())
    .option("--reason <text>", "why, kept with the erased key ids in the store's erasure log")
    .action(async (subject: string, options: ForgetOptions) => {
      sink.exitCode = await forgetCommand(subject, options, output);
    });

  return program;
};
