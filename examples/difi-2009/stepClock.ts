/**
 * A clock for the memory store that shows the time of the command being given, so each event's
 * `recordedAt` is the business time of its command (2009-2011) rather than today. That keeps the
 * output the same on every run and lets "as of" questions ("what did we know on 31 Dec 2010?")
 * be asked of the demo's history.
 */
export interface StepClock {
  readonly now: () => Date;
  /** Moves the clock to `iso` (ISO-8601 with zone). */
  readonly set: (iso: string) => void;
}

export const createStepClock = (start: string): StepClock => {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (iso) => {
      const next = new Date(iso);
      if (Number.isNaN(next.getTime())) throw new RangeError(`not a time: ${iso}`);
      current = next;
    },
  };
};
