import { expect, it } from "vitest";
import { auditTrail } from "./auditTrail.js";

it("seals, verifies with the key, proves a payment and catches a forged one by its rules", async () => {
  const lines = await auditTrail();
  expect(lines.slice(0, 3)).toEqual(["sealed: 6 events, signed: true", "verified: 7 events, 1 seal signed by a trusted key: true", "proof of the payment: holds (2 hashes)"]);
  expect(lines[3]).toMatch(/^rule DisbursementExceedsAward broken by GrantDisbursed at grant-ebygg@3 \(position \d+\): .*amount=9 000 000 000,00 kr/);
});
