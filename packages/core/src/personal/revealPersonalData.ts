import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { JsonObject, RecordedEvent } from "../store/recordedEvent.js";
import type { StoreUnavailable } from "../store/storeErrors.js";
import { PERSONAL_FIELDS } from "./personalFields.js";
import type { PersonalDataKey, PersonalDataKeys } from "./personalDataKeys.js";
import { openSealed } from "./sealCipher.js";
import { ERASED_PERSONAL_DATA, parseSealed } from "./sealedText.js";

/** What a sealed value reads as when its key exists but does not open it (the value was altered). */
export const UNREADABLE_PERSONAL_DATA = "[unreadable personal data]";

/** Looks each key id up once per reading. */
type KeyLookup = (keyId: string) => Promise<E.Either<StoreUnavailable, PersonalDataKey | undefined>>;

const lookupOnce = (keys: PersonalDataKeys): KeyLookup => {
  const found = new Map<string, PersonalDataKey | undefined>();
  return async (keyId) => {
    if (found.has(keyId)) return E.right(found.get(keyId));
    const key = await keys.keyById(keyId)();
    if (E.isRight(key)) found.set(keyId, key.right);
    return key;
  };
};

const revealWith = async (value: string, kind: string, lookup: KeyLookup): Promise<E.Either<StoreUnavailable, string>> => {
  const sealed = parseSealed(value);
  if (sealed === undefined) return E.right(value);
  const key = await lookup(sealed.keyId);
  if (E.isLeft(key)) return key;
  if (key.right === undefined) return E.right(ERASED_PERSONAL_DATA);
  return E.right(openSealed(key.right, kind, sealed) ?? UNREADABLE_PERSONAL_DATA);
};

/**
 * One stored value for a reader: plain text as it is; a sealed value as its text when its key
 * exists, `"[erased]"` when the key was forgotten (or is not in this key store), and
 * `"[unreadable personal data]"` when the key exists and does not open it. `kind` is the
 * field's (see {@link PERSONAL_FIELDS}).
 */
export const revealValue = (value: string, kind: string, keys: PersonalDataKeys): TaskEither<StoreUnavailable, string> => () =>
  revealWith(value, kind, lookupOnce(keys));

/**
 * Recorded events for people to read: each personal field (see {@link PERSONAL_FIELDS}) as
 * {@link revealValue} reads it, every other field and all metadata as stored. What it returns
 * is for display only: its data is no longer what was hashed, so it does not verify; verify
 * and rule replay read the stored events and need no key.
 */
export const revealPersonalData =
  (recorded: readonly RecordedEvent[], keys: PersonalDataKeys): TaskEither<StoreUnavailable, readonly RecordedEvent[]> =>
  async () => {
    const lookup = lookupOnce(keys);
    const revealed: RecordedEvent[] = [];
    for (const event of recorded) {
      const fields = PERSONAL_FIELDS[event.type]?.fields ?? [];
      let data: JsonObject | undefined;
      for (const { field, kind } of fields) {
        const value = event.data[field];
        if (typeof value !== "string") continue;
        const text = await revealWith(value, kind, lookup);
        if (E.isLeft(text)) return text;
        if (text.right !== value) data = { ...(data ?? event.data), [field]: text.right };
      }
      revealed.push(data === undefined ? event : { ...event, data });
    }
    return E.right(revealed);
  };
