/**
 * How large one command may be: the longest text of each kind and the longest list. A case
 * handling service takes a summary of some pages, not a 10 MB one: everything a command holds is
 * hashed, stored and folded for ever, so a bound belongs at the door. Ids have their own bound in
 * their codec (`EntityId`: 1-100 characters).
 */
export interface InputLimits {
  /**
   * The most characters (Unicode code points) of prose: a project's `summary`, an evaluation's
   * `notes`, every `reason` and `grounds`, a benefit's `description`, each of an award's
   * `conditions`. Default {@link DEFAULT_INPUT_LIMITS}: 20 000 (some eight pages).
   */
  readonly maxProseLength: number;
  /**
   * The most characters of any other text of a command's data: names, titles, payment
   * references, evaluators, units, owners. Default 500.
   */
  readonly maxTextLength: number;
  /**
   * The most characters of each text of the command's context as recorded in metadata (`actor`,
   * `commandId`, `correlationId`, `causationId`). Default 200.
   */
  readonly maxContextLength: number;
  /**
   * The most items of one list (participants, conditions, disbursement tranches, reports due,
   * benefits, eligible applicants). Default 1 000 (the 2009 round's largest project had 145
   * municipalities).
   */
  readonly maxListLength: number;
}

/** The limits a ledger applies unless told otherwise; see {@link InputLimits}. */
export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxProseLength: 20_000,
  maxTextLength: 500,
  maxContextLength: 200,
  maxListLength: 1_000,
};

/** The keys whose text is prose (and, for `conditions`, whose items are): {@link InputLimits.maxProseLength}. */
export const PROSE_KEYS: ReadonlySet<string> = new Set(["summary", "notes", "reason", "grounds", "description", "conditions"]);

/** Which limit a value broke, and where: see {@link findInputBeyondLimits}. */
export interface InputBeyondLimits {
  /** The dotted path to it (`data.project.summary`, `data.participants`, `metadata.actor`). */
  readonly path: string;
  /** The limit's name in {@link InputLimits}. */
  readonly limit: keyof InputLimits;
  /** The limit's value. */
  readonly max: number;
  /** What was given: characters of a text, items of a list. */
  readonly length: number;
}

/** Code points of `text`, counted only when its UTF-16 length could pass `max` (a code point is 1 or 2 units). */
const beyond = (text: string, max: number): number | undefined => {
  if (text.length <= max) return undefined;
  let points = 0;
  for (const _ of text) points += 1;
  return points > max ? points : undefined;
};

const checkLimits = (value: unknown, path: string, key: string, limits: InputLimits, textLimit: "maxTextLength" | "maxContextLength"): InputBeyondLimits | undefined => {
  if (typeof value === "string") {
    const limit = PROSE_KEYS.has(key) ? "maxProseLength" : textLimit;
    const length = beyond(value, limits[limit]);
    return length === undefined ? undefined : { path, limit, max: limits[limit], length };
  }
  if (Array.isArray(value)) {
    if (value.length > limits.maxListLength) return { path, limit: "maxListLength", max: limits.maxListLength, length: value.length };
    // Items take their list's key: each of `conditions` is prose.
    for (let index = 0; index < value.length; index += 1) {
      const found = checkLimits(value[index], `${path}.${index}`, key, limits, textLimit);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [itemKey, item] of Object.entries(value)) {
    const found = checkLimits(item, `${path}.${itemKey}`, itemKey, limits, textLimit);
    if (found !== undefined) return found;
  }
  return undefined;
};

/**
 * The first text or list of a command's data (`data.…`) or recorded context (`metadata.…`)
 * beyond `limits`, or `undefined` when all are within them.
 */
export const findInputBeyondLimits = (data: unknown, recordedContext: unknown, limits: InputLimits): InputBeyondLimits | undefined =>
  checkLimits(data, "data", "data", limits, "maxTextLength") ?? checkLimits(recordedContext, "metadata", "metadata", limits, "maxContextLength");

/** The limits given over the defaults, each checked to be a whole number of at least 1. */
export const inputLimitsOf = (given: Partial<InputLimits> | undefined): InputLimits => {
  const limits = { ...DEFAULT_INPUT_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`limits.${name} must be a whole number of at least 1, not ${String(value)}`);
  }
  return limits;
};

/** One sentence for an {@link InputBeyondLimits}: what was given, and the limit it passed. */
export const describeInputBeyondLimits = (found: InputBeyondLimits): string =>
  found.limit === "maxListLength"
    ? `has ${found.length} items, more than ${found.limit} (${found.max})`
    : `is ${found.length} characters long, more than ${found.limit} (${found.max})`;
