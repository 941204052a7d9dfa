import { countyOf, participantKey, ZERO, type Participant } from "@grantledger/core";
import { editorOf, type MapEditor } from "../persistentMap.js";
import type { GrantShares, MunicipalityTotalsState, ParticipantTotals, RoundOfScheme } from "./municipalityTotalsState.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** A participant's row while a draft owns it. */
export type RowDraft = Mutable<ParticipantTotals>;

// One constructor for every row, so that all rows share one shape (V8 keeps such objects fast).
const row = (from: ParticipantTotals): RowDraft => ({
  kind: from.kind,
  id: from.id,
  name: from.name,
  countyNo: from.countyNo,
  projects: from.projects,
  requested: from.requested,
  awarded: from.awarded,
  disbursed: from.disbursed,
  repaid: from.repaid,
  returned: from.returned,
  benefitsNok: from.benefitsNok,
});

const newRow = (participant: Participant): RowDraft => {
  const municipality = participant.kind === "municipality";
  const id = municipality ? participant.municipalityNo : participant.kind === "county" ? participant.countyNo : participant.orgNo;
  const countyNo = municipality ? countyOf(participant.municipalityNo) : undefined;
  return row({ kind: participant.kind, id, name: participant.name, countyNo, projects: 0, requested: ZERO, awarded: ZERO, disbursed: ZERO, repaid: ZERO, returned: ZERO, benefitsNok: 0 });
};

/**
 * The municipality totals being folded. Rows are copied the first time the draft changes them
 * and changed in place after that, so a batch copies each participant's row once however many
 * of its events touch it; the rows of the state the draft was opened on are never changed, and
 * once finished the draft's rows are shared with the new state and left alone.
 */
export class MunicipalityTotalsDraft {
  readonly grants: MapEditor<GrantShares>;
  readonly rounds: MapEditor<RoundOfScheme>;
  readonly #participants: MapEditor<ParticipantTotals>;
  readonly #mine = new Set<ParticipantTotals>();

  constructor(state: MunicipalityTotalsState) {
    this.grants = editorOf(state.grants);
    this.rounds = editorOf(state.rounds);
    this.#participants = editorOf(state.participants);
  }

  /** The row of `key`, to change in place; `undefined` if the participant is unknown. */
  row(key: string): RowDraft | undefined {
    const known = this.#participants.get(key);
    if (known === undefined || this.#mine.has(known)) return known;
    return this.#adopt(key, row(known));
  }

  /** The row of a participant of an application, new if it has none yet. */
  rowOf(participant: Participant): RowDraft {
    const key = participantKey(participant);
    return this.row(key) ?? this.#adopt(key, newRow(participant));
  }

  finish(): MunicipalityTotalsState {
    return { grants: this.grants.finish(), participants: this.#participants.finish(), rounds: this.rounds.finish() };
  }

  #adopt(key: string, mine: RowDraft): RowDraft {
    this.#mine.add(mine);
    this.#participants.set(key, mine);
    return mine;
  }
}
