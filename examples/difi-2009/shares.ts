/** A whole project in basis points: the shares of its participants sum to exactly this. */
export const WHOLE_PROJECT_BPS = 10_000;

/**
 * Equal shares for `count` participants, in basis points, summing to exactly 10 000: each gets
 * the floor of 10 000 / count and the basis points left over go one each to the first
 * participants (the applicant comes first, so it carries the odd basis point). The announcement
 * gives no split, and an equal one is the neutral guess.
 */
export const equalSharesBps = (count: number): readonly number[] => {
  if (!Number.isSafeInteger(count) || count < 1 || count > WHOLE_PROJECT_BPS) {
    throw new RangeError(`cannot split 10 000 basis points over ${count} participants`);
  }
  const base = Math.floor(WHOLE_PROJECT_BPS / count);
  const leftover = WHOLE_PROJECT_BPS % count;
  return Array.from({ length: count }, (_, index) => (index < leftover ? base + 1 : base));
};
