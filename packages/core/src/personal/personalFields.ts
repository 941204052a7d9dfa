/** One field that holds personal data, and whose data it is. */
export interface PersonalField {
  /** The field of the event's (and its command's) `data`. */
  readonly field: string;
  /**
   * The kind of value, sealed with the text (so a value does not open in another kind of
   * field) and in the nonce: values of one kind and subject compare equal when their text does.
   */
  readonly kind: string;
  /** The field whose text names the data subject (the field itself, or who wrote it). */
  readonly subjectField: string;
}

/** The personal fields of the events that have any, with the command that decides each event. */
export interface PersonalFieldsOf {
  /** The command whose data the event takes over as it is. */
  readonly command: string;
  /** Its personal fields. */
  readonly fields: readonly PersonalField[];
}

/**
 * Every field that holds personal data, by event type. An evaluator's name is the evaluator's
 * (both in an evaluation and in a conflict-of-interest declaration, one kind, so a declared
 * evaluator and an evaluation by them compare equal when sealed); an evaluation's notes and a
 * declaration's reason are the evaluator's who wrote them; whoever accepted conditions is their
 * own subject. Names of organisations, municipalities and projects are not personal data.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, PersonalFieldsOf>> = {
  ApplicationEvaluated: {
    command: "EvaluateApplication",
    fields: [
      { field: "evaluator", kind: "evaluator", subjectField: "evaluator" },
      { field: "notes", kind: "notes", subjectField: "evaluator" },
    ],
  },
  ConditionsAccepted: {
    command: "AcceptConditions",
    fields: [{ field: "acceptedBy", kind: "acceptedBy", subjectField: "acceptedBy" }],
  },
  ConflictOfInterestDeclared: {
    command: "DeclareConflictOfInterest",
    fields: [
      { field: "evaluator", kind: "evaluator", subjectField: "evaluator" },
      { field: "reason", kind: "conflict reason", subjectField: "evaluator" },
    ],
  },
};

/** The personal fields of each command, by command type. */
export const PERSONAL_COMMAND_FIELDS: ReadonlyMap<string, readonly PersonalField[]> = new Map(
  Object.values(PERSONAL_FIELDS).map(({ command, fields }) => [command, fields]),
);
