import * as t from "io-ts";

/**
 * The brand that a string carries once its check digit has been verified as an {@link
 * OrganisationNumber}.
 */
export interface OrganisationNumberBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly OrganisationNumber: unique symbol;
}

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * Whether `value` is a Norwegian organisation number: nine digits whose last is the mod-11
 * check digit over the first eight with weights 3 2 7 6 5 4 3 2. A remainder of 1 would need
 * check digit 10, so such numbers are never issued and are invalid here. Nor does any begin with
 * 0 (Enhetsregisteret's begin with 8 or 9): `000000000` passes the check digit, so it is refused
 * by its first digit.
 */
export const isValidOrganisationNumber = (value: string): boolean => {
  if (!/^[1-9]\d{8}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(value[i]) * (WEIGHTS[i] ?? 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return Number(value[8]) === check;
};

/** A Norwegian organisation number (Enhetsregisteret), nine digits with a valid check digit. */
export const OrganisationNumber = t.brand(
  t.string,
  (s): s is t.Branded<string, OrganisationNumberBrand> => isValidOrganisationNumber(s),
  "OrganisationNumber",
);
export type OrganisationNumber = t.TypeOf<typeof OrganisationNumber>;

/** An organisation number from a literal known to be valid; throws on a bad one. */
export const unsafeOrganisationNumber = (value: string): OrganisationNumber => {
  if (!OrganisationNumber.is(value)) throw new RangeError(`not a valid organisation number: ${value}`);
  return value;
};
