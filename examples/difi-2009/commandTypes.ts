import type { LedgerCommandInput } from "@grantledger/core";

/** The plain-JSON data of the ledger command `T`, as a caller hands it in (øre as numbers, dates as strings). */
export type CommandData<T extends LedgerCommandInput["type"]> = Extract<LedgerCommandInput, { type: T }>["data"];

export type ApplicationData = CommandData<"ApplyForGrant">;
export type ParticipantData = ApplicationData["participants"][number];
export type ApplicantData = ApplicationData["applicant"];
export type ReportedBenefitData = CommandData<"ReportBenefits">["benefits"][number];
