import { describe, it } from "vitest";
import { givenGrant } from "./deciderSpec.testkit.js";
import {
  BERGEN_2009,
  CRISIS_2009,
  KARTVERKET_2018,
  type Application,
  applied,
  apply,
  at,
  bergen,
  bergenApplication,
  bergenApplied,
  bergenAwarded,
  bergenEvaluated,
  bergenKommune,
  bergenRejected,
  cofinancingRoundOpen,
  crisisRoundOpen,
  crisisRoundWithBergen,
  hordaland,
  kartverket,
  kartverketApplication,
  municipality,
  ore,
  oslo,
  roundClosed,
  stateAgency,
  stavanger,
  trondheim,
} from "./fixtures.testkit.js";
import type { Participant } from "../events/parties.js";
import { unsafeBasisPoints } from "../values/basisPoints.js";
import { nok } from "../values/money.js";
import { unsafeOrganisationNumber } from "../values/organisationNumber.js";
import { unsafeText } from "../values/text.js";

const bergenAppliesWith = (overrides: Partial<Application>) => givenGrant().withRound(crisisRoundOpen).when(apply({ ...bergenApplication, ...overrides }));
const kartverketAppliesWith = (overrides: Partial<Application>) =>
  givenGrant().withRound(cofinancingRoundOpen).when(apply({ ...kartverketApplication, ...overrides }));

describe("applying for a grant", () => {
  it("records Bergen's application to the 2009 crisis package", () => {
    givenGrant().withRound(crisisRoundOpen).when(apply(bergenApplication)).then([applied(bergenApplication)]);
  });

  it("records Kartverket's application to the 2018 co-financing round", () => {
    givenGrant().withRound(cofinancingRoundOpen).when(apply(kartverketApplication)).then([applied(kartverketApplication)]);
  });

  it.each([
    ["applied", bergenApplied],
    ["evaluated", bergenEvaluated],
    ["awarded", bergenAwarded],
    ["rejected", bergenRejected],
  ])("applies once: a grant already %s cannot be applied for again", (_status, history) => {
    givenGrant(history).withRound(crisisRoundWithBergen).when(apply(bergenApplication)).thenFails("GrantAlreadyApplied", { grantId: BERGEN_2009 });
  });

  it("needs its round to exist", () => {
    givenGrant().when(apply(bergenApplication)).thenFails("RoundNotFound", { roundId: CRISIS_2009 });
  });

  it("is refused once the round is closed, even before the deadline", () => {
    givenGrant()
      .withRound([...crisisRoundOpen, roundClosed(CRISIS_2009, "2009-04-01T08:00:00+02:00")])
      .when(apply(bergenApplication))
      .thenFails("RoundIsClosed", { roundId: CRISIS_2009, closedAt: at("2009-04-01T08:00:00+02:00") });
  });
});

describe("the application deadline (2009-04-15 12:00 Norwegian summer time)", () => {
  it("accepts an application at exactly the deadline", () => {
    bergenAppliesWith({ appliedAt: at("2009-04-15T12:00:00+02:00") }).then([applied({ ...bergenApplication, appliedAt: at("2009-04-15T12:00:00+02:00") })]);
  });

  it("compares instants, not strings: 10:00 UTC is the deadline itself", () => {
    bergenAppliesWith({ appliedAt: at("2009-04-15T10:00:00Z") }).then([applied({ ...bergenApplication, appliedAt: at("2009-04-15T10:00:00Z") })]);
  });

  it("refuses an application one second after the deadline", () => {
    bergenAppliesWith({ appliedAt: at("2009-04-15T12:00:01+02:00") }).thenFails("ApplicationAfterDeadline", {
      grantId: BERGEN_2009,
      appliedAt: at("2009-04-15T12:00:01+02:00"),
      deadline: at("2009-04-15T12:00:00+02:00"),
    });
  });

  it("refuses an application one millisecond after the deadline, written in another zone", () => {
    bergenAppliesWith({ appliedAt: at("2009-04-15T10:00:00.001Z") }).thenFails("ApplicationAfterDeadline", {
      appliedAt: at("2009-04-15T10:00:00.001Z"),
    });
  });
});

describe("who may apply", () => {
  it("refuses a state agency in the round for municipalities and counties", () => {
    bergenAppliesWith({ applicant: kartverket }).thenFails("ApplicantNotEligible", {
      grantId: BERGEN_2009,
      kind: "state-agency",
      eligible: ["municipality", "county"],
    });
  });

  it("accepts a county in the round for municipalities and counties", () => {
    const hordalandFylkeskommune = { orgNo: unsafeOrganisationNumber("938626367"), name: unsafeText("Hordaland fylkeskommune"), kind: "county" as const };
    bergenAppliesWith({ applicant: hordalandFylkeskommune }).then([applied({ ...bergenApplication, applicant: hordalandFylkeskommune })]);
  });

  it("refuses a municipality in the round for state agencies", () => {
    kartverketAppliesWith({ applicant: bergenKommune }).thenFails("ApplicantNotEligible", {
      grantId: KARTVERKET_2018,
      kind: "municipality",
      eligible: ["state-agency"],
    });
  });
});

describe("the amount requested: 0 < requested <= totalCost x maxShareBps / 10 000", () => {
  it("refuses a request of nothing", () => {
    bergenAppliesWith({ requested: ore(0) }).thenFails("RequestedAmountNotPositive", { grantId: BERGEN_2009 });
  });

  it("accepts a request of exactly the share cap (20 % of 2.5 MNOK)", () => {
    bergenAppliesWith({ requested: nok(500_000) }).then([applied({ ...bergenApplication, requested: nok(500_000) })]);
  });

  it("refuses one øre above the share cap, naming the cap", () => {
    bergenAppliesWith({ requested: ore(nok(500_000) + 1) }).thenFails("RequestExceedsShareCap", {
      grantId: BERGEN_2009,
      requested: ore(nok(500_000) + 1),
      totalCost: nok(2_500_000),
      maxShareBps: 2000,
      cap: nok(500_000),
    });
  });

  it("rounds the cap down to the øre: 20 % of 123 456 789 øre is 24 691 357 øre", () => {
    const totalCost = ore(123_456_789);
    bergenAppliesWith({ totalCost, requested: ore(24_691_357) }).then([applied({ ...bergenApplication, totalCost, requested: ore(24_691_357) })]);
    bergenAppliesWith({ totalCost, requested: ore(24_691_358) }).thenFails("RequestExceedsShareCap", { cap: ore(24_691_357) });
  });

  it("accepts a request of exactly the largest grant (15 MNOK of a 40 MNOK project)", () => {
    kartverketAppliesWith({ totalCost: nok(40_000_000), requested: nok(15_000_000) }).then([
      applied({ ...kartverketApplication, totalCost: nok(40_000_000), requested: nok(15_000_000) }),
    ]);
  });

  it("refuses one øre above the largest grant, though within the share cap", () => {
    kartverketAppliesWith({ totalCost: nok(40_000_000), requested: ore(nok(15_000_000) + 1) }).thenFails("RequestExceedsMaxGrant", {
      grantId: KARTVERKET_2018,
      requested: ore(nok(15_000_000) + 1),
      maxGrant: nok(15_000_000),
    });
  });
});

describe("the project-cost bounds of the co-financing round (5-50 MNOK)", () => {
  it("accepts a project of exactly 5 MNOK", () => {
    kartverketAppliesWith({ totalCost: nok(5_000_000), requested: nok(2_500_000) }).then([
      applied({ ...kartverketApplication, totalCost: nok(5_000_000), requested: nok(2_500_000) }),
    ]);
  });

  it("refuses a project one øre under 5 MNOK", () => {
    kartverketAppliesWith({ totalCost: ore(nok(5_000_000) - 1), requested: nok(2_000_000) }).thenFails("ProjectCostBelowMinimum", {
      grantId: KARTVERKET_2018,
      totalCost: ore(nok(5_000_000) - 1),
      minProjectCost: nok(5_000_000),
    });
  });

  it("accepts a project of exactly 50 MNOK", () => {
    kartverketAppliesWith({ totalCost: nok(50_000_000) }).then([applied({ ...kartverketApplication, totalCost: nok(50_000_000) })]);
  });

  it("refuses a project one øre over 50 MNOK", () => {
    kartverketAppliesWith({ totalCost: ore(nok(50_000_000) + 1) }).thenFails("ProjectCostAboveMaximum", {
      grantId: KARTVERKET_2018,
      totalCost: ore(nok(50_000_000) + 1),
      maxProjectCost: nok(50_000_000),
    });
  });

  it("sets no bounds where the policy sets none (the crisis package)", () => {
    bergenAppliesWith({ totalCost: nok(100), requested: nok(20) }).then([applied({ ...bergenApplication, totalCost: nok(100), requested: nok(20) })]);
  });
});

describe("participants: non-empty, unique, shares summing to exactly 10 000", () => {
  const withParticipants = (participants: Participant[]) => bergenAppliesWith({ participants });

  it("accepts a single participant with the whole share", () => {
    withParticipants([bergen(10_000)]).then([applied({ ...bergenApplication, participants: [bergen(10_000)] })]);
  });

  it("accepts four municipalities sharing the project", () => {
    const four = [bergen(4000), oslo(3000), trondheim(2000), stavanger(1000)];
    withParticipants(four).then([applied({ ...bergenApplication, participants: four })]);
  });

  it("refuses a project for no one", () => {
    withParticipants([]).thenFails("NoParticipants", { grantId: BERGEN_2009 });
  });

  it("refuses the same municipality twice, even under another name", () => {
    withParticipants([bergen(5000), municipality("1201", "Bergen kommune", 5000)]).thenFails("DuplicateParticipant", {
      grantId: BERGEN_2009,
      participant: "municipality:1201",
    });
  });

  it("refuses the same organisation twice, even as two kinds", () => {
    const asOther: Participant = { kind: "other", orgNo: kartverket.orgNo, name: kartverket.name, shareBps: unsafeBasisPoints(5000) };
    kartverketAppliesWith({ participants: [stateAgency(kartverket, 5000), asOther] }).thenFails("DuplicateParticipant", {
      participant: `org:${kartverket.orgNo}`,
    });
  });

  it("tells a county from a municipality in it", () => {
    withParticipants([bergen(6000), hordaland(4000)]).then([applied({ ...bergenApplication, participants: [bergen(6000), hordaland(4000)] })]);
  });

  it("refuses a participant with no share", () => {
    withParticipants([bergen(10_000), oslo(0)]).thenFails("ParticipantWithoutShare", { grantId: BERGEN_2009, participant: "municipality:0301" });
  });

  it("refuses shares summing to one basis point short of the whole", () => {
    withParticipants([bergen(5000), oslo(4999)]).thenFails("ParticipantSharesNotWhole", { grantId: BERGEN_2009, sumBps: 9999 });
  });

  it("refuses shares summing to one basis point over the whole", () => {
    withParticipants([bergen(5000), oslo(5001)]).thenFails("ParticipantSharesNotWhole", { sumBps: 10_001 });
  });
});
