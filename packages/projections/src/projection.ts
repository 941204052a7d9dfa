import type { DecodedEvent, DomainEvent, EventCodecs, EventShape } from "@grantledger/core";

/**
 * A read model as a pure fold over recorded events in global order: state in, state out.
 *
 * The runner hands `apply` only events whose type is in `handles`, decoded and checked by their
 * codecs. Events of other types (seals, types this projection has no use for) are passed over
 * without being decoded, so an event a read model never reads cannot stop it; `grantledger
 * verify` is where every event is checked.
 *
 * The state must be structured-cloneable (plain objects, arrays, `Map`s, numbers, strings,
 * bigints; no class instances or functions): read-model stores copy or serialise it whole.
 *
 * `Ev` is the events `apply` is given: the catalogue's ({@link DomainEvent}) by default. A
 * projection of an application's own events names them (`Projection<S, InspectionEvent>`,
 * or `Projection<S, InspectionEvent | GrantAwardedEvent>` beside catalogue events) and gives
 * their codecs in {@link Projection.codecs}.
 */
export interface Projection<S, Ev extends EventShape = DomainEvent> {
  /** The key its state is saved under; unique among the projections sharing a read-model store. */
  readonly name: string;
  /**
   * The version of `apply` and of the state's shape. Raise it whenever either changes: a stored
   * state of another version is thrown away and rebuilt from the first event.
   */
  readonly version: number;
  /** The event types `apply` is given: the catalogue's, and any of {@link Projection.codecs}. */
  readonly handles: readonly Ev["type"][];
  /**
   * The codecs of the application's own event types among `handles` (for instance a stream
   * type's `events`): events of those types are decoded by them, the others by the catalogue's.
   * A handled type that is neither the catalogue's nor here stops the runner at its first event
   * (`PoisonEvent`, "unknown event type"); `startGrantEngine` refuses such a projection at once.
   */
  readonly codecs?: EventCodecs;
  /** The state before the first event. */
  readonly initialState: S;
  /**
   * The state after `event`. Pure: it never changes `state` (callers keep old states) and gives
   * the same result for the same input. It may throw on an event that contradicts what it has
   * seen (an award of a grant never applied for); the runner stops there with a `PoisonEvent`.
   */
  apply(state: S, event: DecodedEvent<Ev>): S;
  /**
   * Optional: the state after all of `events`, exactly what folding `apply` over them gives.
   * Runners and `projectAsOf` fold batches with it when present, so a projection can share work
   * across a batch (copy each changed part of its state once per batch, not once per event).
   * Pure like `apply`. If it throws, the batch is folded again with `apply` to find the event.
   */
  applyAll?(state: S, events: readonly DecodedEvent<Ev>[]): S;
}

/** A projection's state and the global position of the last event folded into it. */
export interface ProjectionSnapshot<S> {
  /** The projection's state. */
  readonly state: S;
  /** The last global position applied (or passed over); `undefined` before the first event. */
  readonly checkpoint: bigint | undefined;
}
