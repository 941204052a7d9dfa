import type { ApplyForGrant } from "./commands.js";
import type { GrantError } from "./grantErrors.js";
import type { ExistingRound } from "./roundState.js";
import { participantKey } from "../events/parties.js";
import { compareInstants } from "../values/isoTime.js";
import { shareOfMoney } from "../values/money.js";
import { WHOLE_BPS } from "../values/basisPoints.js";

/** The first rule an application breaks against its round's policy, if any. */
export const checkApplication = (command: ApplyForGrant, round: ExistingRound): GrantError | undefined => {
  const { grantId, applicant, totalCost, requested, appliedAt } = command.data;
  const { policy } = round;
  if (compareInstants(appliedAt, round.applicationDeadline) > 0) {
    return { _tag: "ApplicationAfterDeadline", grantId, appliedAt, deadline: round.applicationDeadline };
  }
  if (!policy.eligibleApplicants.includes(applicant.kind)) {
    return { _tag: "ApplicantNotEligible", grantId, kind: applicant.kind, eligible: policy.eligibleApplicants };
  }
  if (policy.minProjectCost !== undefined && totalCost < policy.minProjectCost) {
    return { _tag: "ProjectCostBelowMinimum", grantId, totalCost, minProjectCost: policy.minProjectCost };
  }
  if (policy.maxProjectCost !== undefined && totalCost > policy.maxProjectCost) {
    return { _tag: "ProjectCostAboveMaximum", grantId, totalCost, maxProjectCost: policy.maxProjectCost };
  }
  if (requested <= 0) return { _tag: "RequestedAmountNotPositive", grantId };
  const cap = shareOfMoney(totalCost, policy.maxShareBps);
  if (requested > cap) {
    return { _tag: "RequestExceedsShareCap", grantId, requested, totalCost, maxShareBps: policy.maxShareBps, cap };
  }
  if (policy.maxGrant !== undefined && requested > policy.maxGrant) {
    return { _tag: "RequestExceedsMaxGrant", grantId, requested, maxGrant: policy.maxGrant };
  }
  return checkParticipants(command);
};

const checkParticipants = (command: ApplyForGrant): GrantError | undefined => {
  const { grantId, participants } = command.data;
  if (participants.length === 0) return { _tag: "NoParticipants", grantId };
  const seen = new Set<string>();
  let sumBps = 0;
  for (const participant of participants) {
    const key = participantKey(participant);
    if (seen.has(key)) return { _tag: "DuplicateParticipant", grantId, participant: key };
    seen.add(key);
    if (participant.shareBps === 0) return { _tag: "ParticipantWithoutShare", grantId, participant: key };
    sumBps += participant.shareBps;
  }
  if (sumBps !== WHOLE_BPS) return { _tag: "ParticipantSharesNotWhole", grantId, sumBps };
  return undefined;
};
