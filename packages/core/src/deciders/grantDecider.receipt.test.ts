import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import { BERGEN_2009, apply, applied, at, bergenApplication, crisisRoundOpen } from "./fixtures.testkit.js";

/*
 * A live application is checked against the time the ledger's clock received it, not only the
 * `appliedAt` it claims: one stamped before the deadline but arriving after it is refused. The
 * crisis round's deadline is 15 April 2009 at 12:00 (CEST); Bergen's application claims 20 March.
 */
const DEADLINE = at("2009-04-15T12:00:00+02:00");
const bergenApplies = () => givenGrant().withRound(crisisRoundOpen);

describe("an application against the ledger's clock", () => {
  it("accepts an application received at the deadline", () => {
    bergenApplies().receivedAt(DEADLINE).when(apply(bergenApplication)).then([applied(bergenApplication)]);
  });

  it("refuses an application received one millisecond after the deadline, whatever time it claims", () => {
    const late = at("2009-04-15T10:00:00.001Z");
    bergenApplies()
      .receivedAt(late)
      .when(apply(bergenApplication))
      .thenFails("ApplicationReceivedAfterDeadline", { grantId: BERGEN_2009, receivedAt: late, deadline: DEADLINE });
  });

  it("takes a record's own appliedAt when no time of receipt is given (historical records)", () => {
    bergenApplies().when(apply(bergenApplication)).then([applied(bergenApplication)]);
  });

  it("still refuses an application that claims a time after the deadline, received before it", () => {
    const claimsLate = { ...bergenApplication, appliedAt: at("2009-04-15T12:00:01+02:00") };
    bergenApplies().receivedAt(at("2009-04-01T09:00:00+02:00")).when(apply(claimsLate)).thenFails("ApplicationAfterDeadline", { appliedAt: claimsLate.appliedAt });
  });
});
