import type { ApplicantSpec } from "../data/projectSpec.js";
import type { CommandData } from "./seedStep.js";

type ApplicationData = CommandData<"ApplyForGrant">;

/** The responsible grant recipient as the ledger's command takes it. */
export const applicantOf = (spec: ApplicantSpec): ApplicationData["applicant"] => ({ orgNo: spec.orgNo, name: spec.name, kind: spec.kind });

/**
 * Whom a project is for. A co-financed project improves the applicant's own services, so the
 * applicant is the one participant, with the whole share (10 000 basis points).
 */
export const participantsOf = (spec: ApplicantSpec): ApplicationData["participants"] => {
  if (spec.kind === "municipality") {
    if (spec.municipalityNo === undefined) throw new Error(`${spec.name}: a municipality needs its municipality number`);
    return [{ kind: "municipality", municipalityNo: spec.municipalityNo, name: spec.name.replace(/ kommune$/, ""), shareBps: 10_000 }];
  }
  if (spec.kind === "county") throw new Error(`${spec.name}: the example has no county applicants`);
  return [{ kind: spec.kind, orgNo: spec.orgNo, name: spec.name, shareBps: 10_000 }];
};
