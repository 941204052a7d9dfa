/** The most decimals an exact share that does not end is written with. */
const MAX_DECIMALS = 12;

/**
 * `numerator / denominator` (denominator > 0) exactly, as a decimal with a comma: `7992,4`,
 * `-9120,5`, `100320`. A fraction that does not end is cut after 12 decimals and ends in `…`.
 */
export const exactDecimal = (numerator: bigint, denominator: bigint): string => {
  const negative = numerator < 0n;
  const size = negative ? -numerator : numerator;
  let remainder = size % denominator;
  let digits = "";
  while (remainder !== 0n && digits.length < MAX_DECIMALS) {
    remainder *= 10n;
    digits += String(remainder / denominator);
    remainder %= denominator;
  }
  const sign = negative && (size !== 0n) ? "-" : "";
  return `${sign}${size / denominator}${digits === "" ? "" : `,${digits}`}${remainder === 0n ? "" : "…"}`;
};

/** The floor of `numerator / denominator` (denominator > 0), towards minus infinity. */
export const floorDivide = (numerator: bigint, denominator: bigint): bigint => {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
};
