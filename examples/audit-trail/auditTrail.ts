/**
 * The audit trail as a library user runs it: a round with one paid grant, sealed and signed
 * with the funder's Ed25519 key; the history verified with that key; an inclusion proof of the
 * payment checked with nothing but the kept root; a forged payment caught by rule replay even
 * though its hash chain was recomputed. docs/audit.md specifies every step.
 */
import { generateKeyPairSync } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import {
  buildEventInclusionProof,
  checkInclusionProof,
  computeEventHash,
  createGrantLedger,
  describeRuleBreak,
  logLeafHash,
  readAllPages,
  replayRules,
  sealHistory,
  verifyHistory,
  type RecordedEvent,
} from "@grantledger/core";
import { createMemoryEventStore } from "@grantledger/adapters/memory";

export async function auditTrail(): Promise<string[]> {
  const store = createMemoryEventStore();
  const ledger = createGrantLedger({ historical: { reason: "the audit-trail example's records, dated 2009" }, store });
  const by = (commandId: string, actor = "saksbehandler@difi") => ({ commandId, actor });
  const lines: string[] = [];

  await ledger.openRound({
    roundId: "krise-2009-1", name: "Krisepakke 2009, runde 1",
    funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
    budget: 2_000_000_000,
    policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
    applicationDeadline: "2009-04-15T23:59:59+02:00", disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  }, by("open-round"))();
  await ledger.applyForGrant({
    grantId: "ebygg", roundId: "krise-2009-1",
    applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
    participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10000 }],
    project: { title: "eByggesak" }, totalCost: 1_650_000_000, requested: 330_000_000, appliedAt: "2009-04-01T10:00:00+02:00",
  }, by("apply-ebygg"))();
  await ledger.evaluateApplication({ grantId: "ebygg", score: 90, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-20T10:00:00+02:00" }, by("evaluate-ebygg", "fagpanel@difi"))();
  await ledger.awardGrant({ grantId: "ebygg", amount: 330_000_000, disbursementPlan: [{ due: "2009-09-01", amount: 330_000_000 }],
    conditions: ["Sluttrapport"], awardedAt: "2009-06-19T12:00:00+02:00" }, by("award-ebygg", "direktør@difi"))();
  await ledger.disburseGrant({ grantId: "ebygg", amount: 330_000_000, paymentRef: "P-2009-17", disbursedAt: "2009-09-01T09:00:00+02:00" }, by("pay-ebygg", "økonomi@difi"))();

  // 1. Seal, signed with the funder's key; keep root@position outside the store.
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const sealed = await sealHistory(store, by("seal-2009", "revisor@riksrevisjonen"), "2009-12-31T23:59:59+01:00", { signingKey: privateKey });
  if (E.isLeft(sealed)) throw new Error(sealed.left._tag);
  const seal = sealed.right;
  lines.push(`sealed: ${seal.treeSize} events, signed: ${seal.signature !== undefined}`);

  // 2. Verify the whole history with the key: chains, the seal's root and its signature.
  const events: RecordedEvent[] = [];
  for await (const event of readAllPages(store)) events.push(event);
  const verified = await verifyHistory(events, { trustedKeys: [publicKey], expectedRoots: [{ root: seal.root, position: seal.position }] });
  if (E.isLeft(verified)) throw new Error(verified.left.kind);
  lines.push(`verified: ${verified.right.events} events, ${verified.right.seals} seal signed by a trusted key: ${verified.right.verifiedSeals[0]?.signedBy?.trusted === true}`);

  // 3. Prove the payment to someone who holds only the root.
  const leafHashes = events.map((event, index) => logLeafHash({ index, recordedAt: event.recordedAt, eventHash: String(event.metadata["hash"]) }));
  const index = events.findIndex((event) => event.type === "GrantDisbursed");
  const payment = events[index] as RecordedEvent;
  const proof = buildEventInclusionProof(leafHashes, { treeSize: seal.treeSize, root: seal.root, position: Number(seal.position), sealedAt: seal.sealedAt }, payment, index);
  const checked = checkInclusionProof(proof, { roots: [{ root: seal.root, position: seal.position }] });
  lines.push(`proof of the payment: ${E.isRight(checked) ? "holds" : checked.left.reason} (${proof.path.length} hashes)`);

  // 4. A forger raises the payment and recomputes its hash: the rules still catch it.
  const forged = events.map((event) => {
    if (event !== payment) return event;
    const changed = { ...event, data: { ...event.data, amount: 900_000_000_000 } };
    return { ...changed, metadata: { ...changed.metadata, hash: computeEventHash(changed) } };
  });
  const replayed = await replayRules(forged);
  lines.push(E.isLeft(replayed) ? describeRuleBreak(replayed.left) : "no rule broken");
  return lines;
}
