import { expect, it } from "vitest";
import { quickstart } from "./quickstart.js";

it("runs the README's example as written", async () => {
  expect(await quickstart()).toEqual([
    "awarded: FundsCommitted, GrantAwarded",
    "committed: 3 300 000,00 kr of 20 000 000,00 kr",
    "refused: GrantAlreadyDecided",
    "problem: 409 https://grantledger.example/problems/grant-already-decided",
    "retried award-ebygg: alreadyHandled=true",
  ]);
});
