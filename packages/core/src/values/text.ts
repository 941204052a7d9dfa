import * as t from "io-ts";

/** The brand that a string carries once checked as {@link NonEmptyText}. */
export interface NonEmptyTextBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly NonEmptyText: unique symbol;
}

/** A string with at least one non-whitespace character (names, reasons, descriptions). */
export const NonEmptyText = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyTextBrand> => s.trim().length > 0,
  "NonEmptyText",
);
export type NonEmptyText = t.TypeOf<typeof NonEmptyText>;

/** The brand that a string carries once checked as an {@link EntityId}. */
export interface EntityIdBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly EntityId: unique symbol;
}

// Built once: a regular expression literal in the predicate is a new object on every decode.
const ENTITY_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The id of a round or a grant: 1-100 characters of letters, digits, `.`, `_` and `-`, so that
 * `grant-<id>` and `round-<id>` are safe stream names in every store. A UUID qualifies.
 */
export const EntityId = t.brand(
  t.string,
  (s): s is t.Branded<string, EntityIdBrand> => ENTITY_ID.test(s),
  "EntityId",
);
export type EntityId = t.TypeOf<typeof EntityId>;

/** Text from a literal known to be non-empty; throws on a blank one. */
export const unsafeText = (value: string): NonEmptyText => {
  if (!NonEmptyText.is(value)) throw new RangeError("text must not be blank");
  return value;
};

/** An id from a literal known to be valid; throws on a bad one. */
export const unsafeEntityId = (value: string): EntityId => {
  if (!EntityId.is(value)) throw new RangeError(`not an id ([A-Za-z0-9._-]{1,100}): ${value}`);
  return value;
};

/**
 * Why a string cannot be stored alike by every store, or `undefined` when it can: U+0000 (which
 * PostgreSQL's text and jsonb cannot hold) and a lone surrogate (half of a UTF-16 pair: not
 * Unicode text, so neither UTF-8 nor the canonical JSON of a hash can carry it). One rule for the
 * command handler and every adapter, so that what one store accepts every other does too.
 */
export const unstorableText = (value: string): string | undefined => {
  if (value.includes("\u0000")) return "holds the character U+0000, which no store keeps as text";
  // `isWellFormed` is ES2024 (Node 20 has it); the ES2022 lib this package builds against does not name it.
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return "holds a lone surrogate (half of a UTF-16 pair), which is not Unicode text";
  return undefined;
};

/** A string no store keeps alike, found in a JSON value: see {@link findUnstorableText}. */
export interface UnstorableText {
  /** The dotted path to it from the value given (`data.project.summary`; array items by index). */
  readonly path: string;
  /** Why: what {@link unstorableText} says of it. */
  readonly reason: string;
}

/** Where in a JSON value the first string (a key or a value) that {@link unstorableText} refuses is, and why. */
export const findUnstorableText = (value: unknown, path = ""): UnstorableText | undefined => {
  if (typeof value === "string") {
    const reason = unstorableText(value);
    return reason === undefined ? undefined : { path, reason };
  }
  if (typeof value !== "object" || value === null) return undefined;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const at = path === "" ? key : `${path}.${key}`;
    const keyReason = Array.isArray(value) ? undefined : unstorableText(key);
    if (keyReason !== undefined) return { path: at, reason: `its key ${keyReason}` };
    const found = findUnstorableText(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
};
