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
