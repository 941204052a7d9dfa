/**
 * The round's calendar. Real, from Difi's announcement: the application deadline, 17 January
 * 2018. Every other date is illustrative. They are all chosen between November and mid-March,
 * so every time below is Norwegian winter time (+01:00) and no daylight-saving rule is needed.
 */
export const TIMELINE = {
  /** Illustrative: the call was out before Difi's guidance sessions of 6 November and 6 December 2017. */
  roundOpened: "2017-11-01",
  /** Applications arrive on consecutive days from this one, the last on the deadline day. */
  firstApplication: "2018-01-08",
  /** Real date: "Søknadsfristen for medfinansieringsordningen: 17. januar 2018". */
  applicationDeadline: "2018-01-17",
  /** Evaluations run on consecutive days from this one. */
  firstEvaluation: "2018-02-05",
  /** Awards in the morning, rejections in the afternoon, then the round closes. */
  decisions: "2018-03-15",
  /** The window in which instalments may fall due and be paid. */
  disbursementWindow: { from: "2018-01-01", to: "2020-12-31" },
  /**
   * Three tranches, 40/30/30. The first is paid on award; each later one only after the report
   * for the year before (the policy's `reportBeforeNextTranche`).
   */
  tranches: [
    { due: "2018-03-20", paidOn: "2018-03-20", weight: 40 },
    { due: "2019-03-01", paidOn: "2019-03-05", weight: 30 },
    { due: "2020-03-02", paidOn: "2020-03-05", weight: 30 },
  ],
  /** One benefits report a year, for 2018, 2019 and 2020, each filed the February after. */
  benefitYears: [
    { year: 2018, reportedOn: "2019-02-15" },
    { year: 2019, reportedOn: "2020-02-14" },
    { year: 2020, reportedOn: "2021-02-15" },
  ],
  /** An attempt to pay the second tranche before the 2018 report, which the ledger refuses. */
  earlyTrancheAttempt: "2018-12-03",
} as const;

const pad = (n: number): string => n.toString().padStart(2, "0");

/**
 * `winterTime("2018-03-15", 10, 75)` is `"2018-03-15T11:15:00+01:00"`: minutes past 59 roll into
 * hours. It refuses dates that may fall in summer time (from 25 March to October), so a date
 * moved there later cannot silently carry the wrong offset.
 */
export const winterTime = (date: string, hour: number, minute = 0): string => {
  const [, month, day] = date.split("-").map(Number);
  if (month === undefined || day === undefined) throw new RangeError(`not a date: ${date}`);
  // The last Sunday of March, when summer time starts, is never before the 25th.
  const winter = month >= 11 || month <= 2 || (month === 3 && day < 25);
  if (!winter) throw new RangeError(`${date} may be in summer time; the example keeps to winter dates`);
  const total = hour * 60 + minute;
  if (!Number.isInteger(total) || total < 0 || total >= 24 * 60) throw new RangeError(`not a time of day: ${hour}:${minute}`);
  return `${date}T${pad(Math.floor(total / 60))}:${pad(total % 60)}:00+01:00`;
};

/** The date `days` after `date`, both `YYYY-MM-DD`. */
export const addDays = (date: string, days: number): string => {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
};
