import { describe, expect, it } from "vitest";
import { grantRegister } from "../readModels/grantRegister.js";
import { roundBudget } from "../readModels/roundBudget.js";
import { keyedRowsLayout } from "./keyedRowsLayout.js";

describe("keyedRowsLayout", () => {
  it("takes the projection's name and version", () => {
    expect(keyedRowsLayout(grantRegister, ["grants"])).toEqual({ name: "grant-register", version: grantRegister.version, collections: ["grants"] });
  });

  it("refuses a layout that leaves a field of the state out", () => {
    expect(() => keyedRowsLayout(roundBudget, ["rounds"])).toThrow("layout of round-budget: its state has the fields grants, rounds, the layout names rounds");
  });
});
