import * as E from "fp-ts/lib/Either.js";
import { revealValue, type PersonalDataKeys, type StoreUnavailable } from "@grantledger/core";
import type { GrantRegisterRow } from "@grantledger/projections";

/**
 * A grant's register row for people to read: who accepted its conditions and the evaluators who
 * declared a conflict of interest, as their text while their keys exist and `[erased]` after
 * (the read model keeps them as stored, sealed).
 */
export const revealGrantRow = async (row: GrantRegisterRow, keys: PersonalDataKeys): Promise<E.Either<StoreUnavailable, GrantRegisterRow>> => {
  let shown = row;
  if (row.conditionsAcceptedBy !== undefined) {
    const acceptedBy = await revealValue(row.conditionsAcceptedBy, "acceptedBy", keys)();
    if (E.isLeft(acceptedBy)) return acceptedBy;
    shown = { ...shown, conditionsAcceptedBy: acceptedBy.right };
  }
  if (row.conflictsOfInterest !== undefined) {
    const evaluators: string[] = [];
    for (const evaluator of row.conflictsOfInterest) {
      const text = await revealValue(evaluator, "evaluator", keys)();
      if (E.isLeft(text)) return text;
      evaluators.push(text.right);
    }
    shown = { ...shown, conflictsOfInterest: evaluators };
  }
  return E.right(shown);
};
