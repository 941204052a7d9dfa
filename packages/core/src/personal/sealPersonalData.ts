import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { StoreUnavailable } from "../store/storeErrors.js";
import { PERSONAL_COMMAND_FIELDS, type PersonalField } from "./personalFields.js";
import type { PersonalDataKey, PersonalDataKeys } from "./personalDataKeys.js";
import { sealText } from "./sealCipher.js";
import { isSealed } from "./sealedText.js";

/** A command as sealing sees it: its type and its data. */
export interface PersonalDataCommand {
  /** The command's type (`EvaluateApplication`, …). */
  readonly type: string;
  /** Its data, whose personal fields are sealed. */
  readonly data: object;
}

const textOf = (data: object, field: string): string | undefined => {
  const value = (data as Record<string, unknown>)[field];
  return typeof value === "string" ? value : undefined;
};

/**
 * The first personal field of a command that is given already in the sealed form, as the
 * dotted path `data.<field>`: a caller gives the text, and a stored plain text must never be
 * taken for a sealed one, so such input is refused with or without a key store.
 */
export const findSealedInput = (command: PersonalDataCommand): string | undefined => {
  const fields = PERSONAL_COMMAND_FIELDS.get(command.type) ?? [];
  const given = fields.find(({ field }) => {
    const value = textOf(command.data, field);
    return value !== undefined && isSealed(value);
  });
  return given === undefined ? undefined : `data.${given.field}`;
};

/** Whether a field's value is sealed: any text but the empty one (an empty note says nothing of anyone). */
const sealable = (value: string | undefined): value is string => value !== undefined && value !== "";

/**
 * The command with each personal field sealed under its subject's key (made on first use),
 * before the decider sees it: the events decided take the sealed values over, the command's
 * digest is computed over them, and stored values compare equal to new ones of the same subject
 * and text. A command without personal fields is returned as it is.
 */
export const sealPersonalData =
  <C extends PersonalDataCommand>(command: C, keys: PersonalDataKeys): TaskEither<StoreUnavailable, C> =>
  async () => {
    const fields: readonly PersonalField[] = PERSONAL_COMMAND_FIELDS.get(command.type) ?? [];
    if (fields.length === 0) return E.right(command);
    const data: Record<string, unknown> = { ...command.data };
    // An evaluation's evaluator and notes are one subject's: one look-up of the key store.
    const keyOf = new Map<string, PersonalDataKey>();
    for (const { field, kind, subjectField } of fields) {
      const value = textOf(command.data, field);
      const subject = textOf(command.data, subjectField);
      if (!sealable(value) || subject === undefined) continue;
      const known = keyOf.get(subject);
      const key = known === undefined ? await keys.keyFor(subject)() : E.right(known);
      if (E.isLeft(key)) return key;
      keyOf.set(subject, key.right);
      data[field] = sealText(key.right, kind, value);
    }
    return E.right({ ...command, data });
  };

/**
 * The actor as a sealed declared evaluator of theirs would read (the actor's text sealed as an
 * `evaluator` under the actor's key), or `undefined` when the actor has no key (and so no sealed
 * declaration). The conflict-of-interest rule compares it with the declared evaluators, so an
 * actor who declared a conflict stays refused whatever evaluator the command names.
 */
export const actorAsDeclaredEvaluator =
  (actor: string, keys: PersonalDataKeys): TaskEither<StoreUnavailable, string | undefined> =>
  async () => {
    const key = await keys.findKey(actor)();
    if (E.isLeft(key)) return key;
    return E.right(key.right === undefined ? undefined : sealText(key.right, "evaluator", actor));
  };
