/** What a report covers: one round, or every round of a scheme. */
export type ReportScope =
  | {
      /** One round. */
      readonly kind: "round";
      /** The round's id. */
      readonly roundId: string;
    }
  | {
      /** Every round whose `RoundOpened` names the scheme. */
      readonly kind: "scheme";
      /** The scheme's id. */
      readonly schemeId: string;
    };

/** The scope in words: `round krise-2009-1`, `scheme krisepakke-2009`. */
export const describeScope = (scope: ReportScope): string => (scope.kind === "round" ? `round ${scope.roundId}` : `scheme ${scope.schemeId}`);
