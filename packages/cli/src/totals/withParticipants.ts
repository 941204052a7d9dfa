import type { DecodedEvent } from "@grantledger/core";
import { municipalityTotals, type MunicipalityTotalsState, type Projection } from "@grantledger/projections";

/** A read model's state beside `municipalityTotals`' (each grant's participants, each round's scheme), when that was folded too. */
export interface WithParticipants<S> {
  /** The read model's own state. */
  readonly main: S;
  /** `municipalityTotals`' state, folded in the same pass; `undefined` when not asked for. */
  readonly participants: MunicipalityTotalsState | undefined;
}

const only = (handles: readonly string[], events: readonly DecodedEvent[]): readonly DecodedEvent[] => {
  const types = new Set(handles);
  return events.filter((event) => types.has(event.event.type));
};

const foldBatch = <S>(projection: Projection<S>, state: S, events: readonly DecodedEvent[]): S =>
  events.length === 0 ? state : (projection.applyAll?.(state, events) ?? events.reduce(projection.apply, state));

/**
 * `projection`, and with `participants` `municipalityTotals` too, folded in one pass over the
 * history: the grant register alone cannot say which scheme or county a grant belongs to. Each
 * fold is given only the events it handles, as a runner would give them.
 */
export const withParticipants = <S>(projection: Projection<S>, participants: boolean): Projection<WithParticipants<S>> => {
  if (!participants) {
    return {
      name: projection.name,
      version: projection.version,
      handles: projection.handles,
      initialState: { main: projection.initialState, participants: undefined },
      apply: (state, event) => ({ main: projection.apply(state.main, event), participants: undefined }),
      applyAll: (state, events) => ({ main: foldBatch(projection, state.main, events), participants: undefined }),
    };
  }
  const totals = municipalityTotals;
  return {
    name: `${projection.name}+${totals.name}`,
    version: projection.version * 1_000 + totals.version,
    handles: [...new Set([...projection.handles, ...totals.handles])],
    initialState: { main: projection.initialState, participants: totals.initialState },
    apply: (state, event) => {
      const participantsState = state.participants ?? totals.initialState;
      return {
        main: projection.handles.includes(event.event.type) ? projection.apply(state.main, event) : state.main,
        participants: totals.handles.includes(event.event.type) ? totals.apply(participantsState, event) : participantsState,
      };
    },
    applyAll: (state, events) => ({
      main: foldBatch(projection, state.main, only(projection.handles, events)),
      participants: foldBatch(totals, state.participants ?? totals.initialState, only(totals.handles, events)),
    }),
  };
};
