/**
 * Organisation numbers for the demo. Four are real and well known (below); every other one is
 * made up here, deterministically, so that it passes the mod-11 check as the ledger requires.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * The mod-11 check digit for the first eight digits of an organisation number (weights
 * 3 2 7 6 5 4 3 2; check = 11 - sum mod 11, 0 when the remainder is 0), or `undefined` when the
 * remainder is 1: such a prefix has no valid number.
 */
export const mod11CheckDigit = (firstEight: string): number | undefined => {
  if (!/^\d{8}$/.test(firstEight)) throw new RangeError(`expected eight digits: ${firstEight}`);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(firstEight[i]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return undefined;
  return remainder === 0 ? 0 : 11 - remainder;
};

/** Whether nine digits form a valid organisation number (the same rule as core's codec). */
export const hasValidCheckDigit = (orgNo: string): boolean =>
  /^\d{9}$/.test(orgNo) && mod11CheckDigit(orgNo.slice(0, 8)) === Number(orgNo[8]);

/** Whose made-up number it is; the digit keeps the kinds apart. */
export type IllustrativeOrgKind = "municipality" | "county" | "county-governor";
const KIND_DIGIT: Readonly<Record<IllustrativeOrgKind, string>> = { municipality: "0", county: "1", "county-governor": "2" };

/**
 * A made-up but valid organisation number: `1`, a kind digit, the five-digit `code` (a
 * municipality or county number, zero-padded) and a variant digit, then the check digit. The
 * first variant whose prefix has a check digit wins, so the result is always the same.
 * Enhetsregisteret's numbers begin with 8 or 9, so one beginning with 1 can never be mistaken
 * for a real organisation's.
 */
export const illustrativeOrgNo = (kind: IllustrativeOrgKind, code: string): string => {
  const padded = code.padStart(5, "0");
  if (!/^\d{5}$/.test(padded)) throw new RangeError(`expected at most five digits: ${code}`);
  for (let variant = 0; variant <= 9; variant++) {
    const prefix = `1${KIND_DIGIT[kind]}${padded}${variant}`;
    const check = mod11CheckDigit(prefix);
    if (check !== undefined) return `${prefix}${check}`;
  }
  // Only one remainder in eleven is refused, so ten variants cannot all fail.
  throw new Error(`no valid organisation number for ${kind} ${code}`);
};

/** Where an organisation number in the demo comes from. */
export type OrgNoSource = "real" | "illustrative";

/** Real organisation numbers (Enhetsregisteret), used where the demo names these bodies. */
export const REAL_ORG_NUMBERS = {
  osloKommune: "958935420",
  bergenKommune: "964338531",
  statensKartverk: "971040238",
  difi: "991825827",
} as const;
