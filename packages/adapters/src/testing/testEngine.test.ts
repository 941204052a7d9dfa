import { HISTORICAL_FIXTURES } from "@grantledger/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { sealHistory } from "@grantledger/core";
import { getGrant, getRoundBudget, listMunicipalities } from "@grantledger/projections";
import { award, context, crisisRound, evaluatedGrant, must } from "../engine/ledgerFixtures.testkit.js";
import { createTestEngine, type TestEngine } from "./testEngine.js";

describe("createTestEngine", () => {
  let engine: TestEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it("reads its own writes: the read models hold a command's events once settled", async () => {
    engine = await createTestEngine({ historical: HISTORICAL_FIXTURES });
    await must(engine.ledger.openRound(crisisRound(), context()));
    await evaluatedGrant(engine.ledger, "g-bergen");
    await must(engine.ledger.awardGrant(award("g-bergen", 80_000_00), context()));

    const { roundBudget, grantRegister, municipalityTotals } = await engine.settle();
    expect(getRoundBudget(roundBudget, "krise-2009-1")).toMatchObject({ committed: 80_000_00, remaining: 2_000_000_000 - 80_000_00, awarded: 1 });
    expect(getGrant(grantRegister, "g-bergen")).toMatchObject({ status: "awarded" });
    // The award is split 60/40 between Bergen and Askøy.
    expect(listMunicipalities(municipalityTotals).map((row) => [row.municipalityNo, row.awarded])).toEqual([
      ["1201", 48_000_00],
      ["1247", 32_000_00],
    ]);
  });

  it("settles past events no read model handles (a seal at the end of the history)", async () => {
    engine = await createTestEngine({ historical: HISTORICAL_FIXTURES });
    await must(engine.ledger.openRound(crisisRound(), context()));
    await sealHistory(engine.store, context(), "2009-12-31T12:00:00+01:00");
    const history = await engine.history();
    expect(history.map((event) => event.type)).toEqual(["RoundOpened", "SealRecorded"]);
    const { roundBudget } = await engine.settle();
    expect(getRoundBudget(roundBudget, "krise-2009-1")?.budget).toBe(2_000_000_000);
  });

  it("stamps events with the clock it is given", async () => {
    engine = await createTestEngine({ historical: HISTORICAL_FIXTURES, now: () => new Date("2009-03-01T09:00:00Z") });
    await must(engine.ledger.openRound(crisisRound(), context()));
    const [opened] = await engine.history();
    expect(opened?.recordedAt).toBe("2009-03-01T09:00:00.000Z");
  });

  it("refuses commands once closed", async () => {
    const closed = await createTestEngine({ historical: HISTORICAL_FIXTURES });
    await closed.close();
    const refused = await closed.ledger.openRound(crisisRound(), context())();
    expect(refused).toMatchObject({ _tag: "Left", left: { _tag: "StoreClosed" } });
  });
});
