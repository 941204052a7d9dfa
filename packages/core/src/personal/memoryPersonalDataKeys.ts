import { randomBytes } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import type { PersonalDataKey, PersonalDataKeys } from "./personalDataKeys.js";

/** A new key with a random id. */
export const newPersonalDataKey = (): PersonalDataKey => ({ keyId: randomBytes(16).toString("base64url"), key: new Uint8Array(randomBytes(32)) });

/**
 * Keys held in this process only (tests, a demo, a ledger over the memory store): gone with
 * the process, so what it sealed can never be read again after that.
 */
export const createMemoryPersonalDataKeys = (): PersonalDataKeys => {
  const bySubject = new Map<string, PersonalDataKey>();
  const byId = new Map<string, PersonalDataKey>();
  return {
    keyFor: (subject) => async () => {
      const known = bySubject.get(subject);
      if (known !== undefined) return E.right(known);
      const made = newPersonalDataKey();
      bySubject.set(subject, made);
      byId.set(made.keyId, made);
      return E.right(made);
    },
    findKey: (subject) => async () => E.right(bySubject.get(subject)),
    keyById: (keyId) => async () => E.right(byId.get(keyId)),
    forget: (subject) => async () => {
      const known = bySubject.get(subject);
      if (known === undefined) return E.right([]);
      bySubject.delete(subject);
      byId.delete(known.keyId);
      return E.right([known.keyId]);
    },
  };
};
