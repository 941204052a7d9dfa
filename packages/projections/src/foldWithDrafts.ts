import type { DecodedEvent, DomainEvent } from "@grantledger/core";
import type { Projection } from "./projection.js";

/**
 * A projection's `apply` and `applyAll` from three pure-from-outside pieces: `open` makes
 * editors (drafts) over the maps of a state, `step` records one event in them, and `finish`
 * turns them into the next state. The state given is never changed: editors copy a node before
 * they first change it. Over a batch the editors are opened once, so a node is copied once per
 * batch however many events touch it; `apply` is simply a batch of one.
 */
export const foldWithDrafts = <S, D>(
  open: (state: S) => D,
  step: (draft: D, event: DomainEvent) => void,
  finish: (draft: D) => S,
): Pick<Projection<S>, "apply" | "applyAll"> => {
  const applyAll = (state: S, events: readonly DecodedEvent[]): S => {
    if (events.length === 0) return state;
    const draft = open(state);
    for (const { event } of events) step(draft, event);
    return finish(draft);
  };
  return { apply: (state, event) => applyAll(state, [event]), applyAll };
};
