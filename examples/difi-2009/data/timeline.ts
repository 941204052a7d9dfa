/**
 * The round's calendar. From the announcement: Difi pays the grants over 2009-2011, and round 2
 * (the remaining 40 MNOK) has its deadline in September 2009. Every exact date below is
 * illustrative: the announcement gives none.
 */
export const TIMELINE = {
  roundOpened: { date: "2009-02-16", hour: 10 },
  /** Applications arrive on consecutive days from this one (all before the deadline). */
  firstApplication: "2009-03-02",
  applicationDeadline: { date: "2009-04-01", hour: 16 },
  /** Evaluations run on consecutive days from this one. */
  firstEvaluation: "2009-04-20",
  /** The day the awards were announced; rejections follow the awards the same day. */
  decisions: "2009-05-29",
  /** The round closes the afternoon of the decisions: no applications or awards after it. */
  roundClosed: { date: "2009-05-29", hour: 16 },
  /** "i perioden 2009-2011": the window in which tranches may fall due and be paid. */
  disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
  /** The plan every award gets: 40 % in 2009, 40 % in 2010, 20 % in 2011 after the final report. */
  tranches: [
    { due: "2009-09-01", paidOn: "2009-09-15", weight: 4 },
    { due: "2010-06-01", paidOn: "2010-06-15", weight: 4 },
    { due: "2011-06-01", paidOn: "2011-06-15", weight: 2 },
  ],
  /** Completed projects report their benefits for 2010 in March 2011, before the last tranche. */
  benefitsPeriod: { from: "2010-01-01", to: "2010-12-31" },
  benefitsReported: "2011-03-01",
  /** eBygg also reports its first half-year. */
  earlyBenefitsPeriod: { from: "2009-06-01", to: "2009-12-31" },
  earlyBenefitsReported: "2010-02-15",
} as const;
