import * as E from "fp-ts/lib/Either.js";
import { formatMoney } from "@grantledger/core";
import { describeExplainError, describeSubject, explainFigure, type ExplainSubject, type ExplanationPart, type FigureQuery } from "@grantledger/projections";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import type { Column } from "../output/columns.js";
import type { Output } from "../output/output.js";
import { renderCsv, renderTable } from "../output/renderTable.js";
import { asOfFromOptions, describeTimes, type TimeOptions } from "../store/asOfOptions.js";
import { withSource, type SourceOptions } from "../store/historySource.js";

/** The options of `grantledger explain`, as commander hands them over. */
export interface ExplainOptions extends SourceOptions, TimeOptions {
  readonly municipality?: string;
  readonly participant?: string;
  readonly round?: string;
  readonly grant?: string;
  readonly payee?: string;
  readonly field: string;
  readonly inRound?: string;
  readonly inScheme?: string;
  readonly format: "table" | "json" | "csv";
}

/** JSON with bigints as integers (positions), which `JSON.stringify` refuses by default. */
const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v), 2);

// Exactly one subject flag; a scope only for a municipality or participant.
const queryOf = (options: ExplainOptions): FigureQuery => {
  const subjects: ExplainSubject[] = [
    ...(options.municipality === undefined ? [] : [{ kind: "municipality", municipalityNo: options.municipality } as const]),
    ...(options.participant === undefined ? [] : [{ kind: "participant", key: options.participant } as const]),
    ...(options.round === undefined ? [] : [{ kind: "round", roundId: options.round } as const]),
    ...(options.grant === undefined ? [] : [{ kind: "grant", grantId: options.grant } as const]),
    ...(options.payee === undefined ? [] : [{ kind: "payee", orgNo: options.payee } as const]),
  ];
  const [subject, ...more] = subjects;
  if (subject === undefined || more.length > 0) throw usageError("give exactly one of --municipality, --participant, --round, --grant, --payee");
  if (options.inRound !== undefined && options.inScheme !== undefined) throw usageError("give --in-round or --in-scheme, not both");
  if ((options.inRound !== undefined || options.inScheme !== undefined) && subject.kind !== "municipality" && subject.kind !== "participant") {
    throw usageError("--in-round and --in-scheme apply to --municipality and --participant only");
  }
  return {
    subject,
    field: options.field,
    ...(options.inRound === undefined ? {} : { roundId: options.inRound }),
    ...(options.inScheme === undefined ? {} : { schemeId: options.inScheme }),
  };
};

/** Basis points as a percentage with a comma: `3,04 %`. */
const percent = (bps: number): string => `${Math.trunc(bps / 100)},${String(bps % 100).padStart(2, "0")} %`;

/** An exact share in øre (`"10032000"`, `"33330,3333"`) as NOK: `100 320,00 kr`, `333,303333 kr`. */
export const exactNok = (ore: string): string => {
  const negative = ore.startsWith("-");
  const ellipsis = ore.endsWith("…") ? "…" : "";
  const [whole = "0", fraction = ""] = ore.replace(/^-/, "").replace(/…$/, "").split(",");
  const digits = whole.padStart(3, "0");
  const kroner = digits.slice(0, -2).replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${negative ? "-" : ""}${kroner},${digits.slice(-2)}${fraction}${ellipsis} kr`;
};

const dateOf = (part: ExplanationPart): string => (part.businessTime ?? part.recordedAt).slice(0, 10);

const roundingText = (rounding: number | undefined): string => (rounding === undefined || rounding === 0 ? "" : `${rounding > 0 ? "+" : ""}${rounding} øre`);

const TABLE: readonly Column<ExplanationPart>[] = [
  { header: "Event", csvHeader: "event", kind: "text", value: (part) => `${part.streamName}@${part.revision}` },
  { header: "Position", csvHeader: "position", kind: "text", value: (part) => String(part.position) },
  { header: "Date", csvHeader: "date", kind: "text", value: dateOf },
  { header: "Type", csvHeader: "type", kind: "text", value: (part) => part.type },
  { header: "Event amount", csvHeader: "event_amount_nok", kind: "money", value: (part) => part.eventAmount },
  { header: "Share", csvHeader: "share_bps", kind: "text", value: (part) => (part.shareBps === undefined ? "" : percent(part.shareBps)) },
  { header: "Exact share", csvHeader: "exact_share", kind: "text", value: (part) => (part.exactShare === undefined ? "" : exactNok(part.exactShare)) },
  { header: "Part", csvHeader: "part_nok", kind: "money", value: (part) => part.part },
  { header: "Rounding", csvHeader: "rounding", kind: "text", value: (part) => roundingText(part.rounding) },
];

const CSV: readonly Column<ExplanationPart>[] = [
  { header: "Stream", csvHeader: "stream", kind: "text", value: (part) => part.streamName },
  { header: "Revision", csvHeader: "revision", kind: "text", value: (part) => String(part.revision) },
  { header: "Position", csvHeader: "position", kind: "text", value: (part) => String(part.position) },
  { header: "Event id", csvHeader: "event_id", kind: "text", value: (part) => part.eventId },
  { header: "Date", csvHeader: "date", kind: "text", value: dateOf },
  { header: "Type", csvHeader: "type", kind: "text", value: (part) => part.type },
  { header: "Grant", csvHeader: "grant_id", kind: "text", value: (part) => part.grantId },
  { header: "Event amount", csvHeader: "event_amount_nok", kind: "money", value: (part) => part.eventAmount },
  { header: "Share", csvHeader: "share_bps", kind: "count", value: (part) => part.shareBps },
  { header: "Exact share", csvHeader: "exact_share_ore", kind: "text", value: (part) => part.exactShare },
  { header: "Part", csvHeader: "part_nok", kind: "money", value: (part) => part.part },
  { header: "Rounding", csvHeader: "rounding_ore", kind: "count", value: (part) => part.rounding },
];

const scopeText = (query: FigureQuery): string =>
  query.roundId !== undefined ? ` in round ${query.roundId}` : query.schemeId !== undefined ? ` in scheme ${query.schemeId}` : "";

/**
 * `grantledger explain`: one figure of a read model row and every event that moved it, with the
 * share applied and the largest-remainder rounding; the parts sum to the figure, to the øre.
 * A bad field or flag is a usage error (exit 2); a subject, round or scheme the history does not
 * hold, or a history that cannot be folded, exits 1.
 */
export const explainCommand = async (options: ExplainOptions, output: Output): Promise<number> => {
  const query = queryOf(options);
  const limits = asOfFromOptions(options);
  return withSource(options, async (source) => {
    const explained = await explainFigure(source.store, query, limits)();
    if (E.isLeft(explained)) {
      const error = explained.left;
      const message = `cannot explain ${source.label}: ${describeExplainError(error)}`;
      throw error._tag === "UnknownFigureField" || error._tag === "InvalidFigureQuery" ? usageError(message) : new CliError(message);
    }
    const { figure, parts, position } = explained.right;
    if (options.format === "json") {
      output.out(toJson({ ...query, source: source.label, asOf: { position: position ?? null, ...limits }, amountsIn: "øre", figure, parts }));
      return EXIT_OK;
    }
    if (options.format === "csv") {
      for (const line of renderCsv(CSV, parts)) output.out(line);
      return EXIT_OK;
    }
    output.out(`${describeSubject(query.subject)}, ${query.field}${scopeText(query)}: ${formatMoney(BigInt(figure))}, in ${source.label}, ${describeTimes(limits, position)}`);
    output.out("");
    const footer = TABLE.map((column) => (column.header === "Event" ? "Total" : column.header === "Part" ? formatMoney(BigInt(figure)) : ""));
    for (const line of renderTable(TABLE, parts, footer)) output.out(line);
    const rounded = parts.filter((part) => part.rounding !== undefined && part.rounding !== 0);
    output.out("");
    if (parts.some((part) => part.shareBps !== undefined)) {
      output.out(
        rounded.length === 0
          ? "Each part is its share of the event amount, split by largest remainder; no part was rounded."
          : `Each part is its share of the event amount, split by largest remainder; ${rounded.length} of ${parts.length} parts differ from their exact share's floor (Rounding).`,
      );
    }
    output.out(`${parts.length} ${parts.length === 1 ? "event" : "events"}; the parts sum to ${formatMoney(BigInt(figure))}.`);
    return EXIT_OK;
  });
};
