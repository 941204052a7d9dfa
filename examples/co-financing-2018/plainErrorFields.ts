import type { LedgerError } from "@grantledger/core";

/** A refusal's figures as plain JSON values: money stays integer øre; store revisions (bigint) become strings. */
export type PlainErrorFields = Readonly<Record<string, unknown>>;

// JSON.stringify refuses bigint; the grant errors the example provokes have none, a store error would.
const bigintSafe = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value);

/** The typed error without its tag, as JSON-safe fields. */
export const plainErrorFields = (error: LedgerError): PlainErrorFields => {
  const { _tag: _omitted, ...fields } = error;
  return JSON.parse(JSON.stringify(fields, bigintSafe)) as PlainErrorFields;
};
