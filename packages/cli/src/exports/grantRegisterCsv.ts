import type { GrantRegisterRow } from "@grantledger/projections";
import type { Column } from "../output/columns.js";
import { renderCsv } from "../output/renderTable.js";

const text = (csvHeader: string, value: (row: GrantRegisterRow) => string | undefined): Column<GrantRegisterRow> => ({ header: csvHeader, csvHeader, kind: "text", value });
const money = (csvHeader: string, value: (row: GrantRegisterRow) => number): Column<GrantRegisterRow> => ({ header: csvHeader, csvHeader, kind: "money", value });

/** The register's columns, amounts in decimal NOK, times as the events give them. */
const COLUMNS: readonly Column<GrantRegisterRow>[] = [
  text("grant_id", (r) => r.grantId),
  text("round_id", (r) => r.roundId),
  text("status", (r) => r.status),
  text("applicant_org_no", (r) => r.applicant.orgNo),
  text("applicant_name", (r) => r.applicant.name),
  text("applicant_kind", (r) => r.applicant.kind),
  text("title", (r) => r.title),
  money("total_cost_nok", (r) => r.totalCost),
  money("requested_nok", (r) => r.requested),
  { header: "score", csvHeader: "score", kind: "count", value: (r) => r.score },
  text("recommendation", (r) => r.recommendation),
  money("awarded_nok", (r) => r.awarded),
  money("disbursed_nok", (r) => r.disbursed),
  text("applied_at", (r) => r.appliedAt),
  text("evaluated_at", (r) => r.evaluatedAt),
  text("decided_at", (r) => r.decidedAt),
  text("last_disbursed_at", (r) => r.lastDisbursedAt),
  text("rejection_reason", (r) => r.rejectionReason),
];

/** The grant register as CSV (RFC 4180): one line a grant, in order of application. */
export const grantRegisterCsv = (rows: readonly GrantRegisterRow[]): string[] => renderCsv(COLUMNS, rows);
