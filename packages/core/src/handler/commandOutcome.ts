import type { DomainEvent } from "../events/domainEvent.js";
import type { EventMetadata } from "../events/eventMetadata.js";

/** An event a command appended (or, on a retry, had appended before); `Ev` is the catalogue's events unless a stream type of one's own wrote it. */
export interface AppendedEvent<Ev = DomainEvent> {
  /** The stream it was appended to. */
  readonly streamName: string;
  /** Its revision in that stream. */
  readonly revision: bigint;
  /** Its id: UUID v5 of the command id, the stream, the type and an ordinal. */
  readonly id: string;
  /** Its type and data. */
  readonly event: Ev;
  /** Its metadata as written, hash chain included. */
  readonly metadata: EventMetadata;
}

/** What handling a command did. */
export interface CommandOutcome<Ev = DomainEvent> {
  /** The events of this command, in the order appended, across the streams it touched. */
  readonly events: readonly AppendedEvent<Ev>[];
  /** True when the command had been handled before and nothing new was appended. */
  readonly alreadyHandled: boolean;
}
