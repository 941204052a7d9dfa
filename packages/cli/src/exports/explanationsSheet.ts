import type { Explanation, FigureQuery } from "@grantledger/projections";
import type { ParticipantRow } from "../totals/totalsViews.js";
import type { RoundBudgetRow } from "@grantledger/projections";
import type { TotalsFilter } from "../totals/totalsFilter.js";
import type { SheetValue, XlsxSheet } from "./xlsxWorkbook.js";

/** The money fields of the municipality view explained, by their JSON names. */
export const PARTICIPANT_FIELDS = ["requested", "awarded", "disbursed", "benefitsNok", "repaid", "returned"] as const;
/** The money fields of the round view explained, by their JSON names. */
export const ROUND_FIELDS = ["budget", "committed", "disbursed", "remaining", "adjustments", "carriedOver", "carriedIn", "released", "reversed", "repaid"] as const;

const within = (filter: TotalsFilter) =>
  filter.roundId !== undefined ? { roundId: filter.roundId } : filter.schemeId !== undefined ? { schemeId: filter.schemeId } : {};

/** What each municipality-view row and field is asked as: a municipality by number, another participant by its key. */
export const participantQueries = (rows: readonly ParticipantRow[], filter: TotalsFilter): FigureQuery[] =>
  rows.flatMap((row) =>
    PARTICIPANT_FIELDS.map((field) => ({
      subject: row.kind === "municipality" ? { kind: "municipality" as const, municipalityNo: row.id } : { kind: "participant" as const, key: row.kind === "county" ? `county:${row.id}` : `org:${row.id}` },
      field,
      ...within(filter),
    })),
  );

/** Each round-view row's fields as queries. */
export const roundQueries = (rows: readonly RoundBudgetRow[]): FigureQuery[] =>
  rows.flatMap((row) => ROUND_FIELDS.map((field) => ({ subject: { kind: "round" as const, roundId: row.roundId }, field })));

const subjectOf = (query: FigureQuery): [string, string] => {
  const { subject } = query;
  switch (subject.kind) {
    case "municipality": return ["Municipalities", subject.municipalityNo];
    case "participant": return ["Municipalities", subject.key.slice(subject.key.indexOf(":") + 1)];
    case "round": return ["Rounds", subject.roundId];
    case "grant": return ["Grants", subject.grantId];
    case "payee": return ["Payees", subject.orgNo];
  }
};

const big = (value: bigint): number | string => (value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString());

/** The Explanations sheet: a row per contributing event of each figure explained. */
export const explanationsSheet = (explanations: readonly Explanation[]): XlsxSheet => ({
  name: "Explanations",
  headers: ["Sheet", "Row", "Field", "Figure", "Part", "Stream", "Revision", "Position", "Event type", "Event id", "Recorded at", "Business time", "Grant", "Event amount", "Share (bps)", "Exact share (øre)", "Rounding (øre)"],
  kinds: ["text", "text", "text", "money", "money", "text", "count", "count", "text", "text", "text", "text", "text", "money", "count", "text", "count"],
  rows: (function* () {
    for (const explanation of explanations) {
      const [sheet, id] = subjectOf(explanation.query);
      for (const part of explanation.parts) {
        const values: SheetValue[] = [sheet, id, explanation.query.field, explanation.figure, part.part, part.streamName, big(part.revision), big(part.position), part.type, part.eventId, part.recordedAt, part.businessTime, part.grantId, part.eventAmount, part.shareBps, part.exactShare, part.rounding];
        yield values;
      }
    }
  })(),
});
