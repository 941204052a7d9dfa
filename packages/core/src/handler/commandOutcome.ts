import type { DomainEvent } from "../events/domainEvent.js";
import type { EventMetadata } from "../events/eventMetadata.js";

/** An event a command appended (or, on a retry, had appended before). */
export interface AppendedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly event: DomainEvent;
  readonly metadata: EventMetadata;
}

/** What handling a command did. */
export interface CommandOutcome {
  /** The events of this command, in the order appended, across the streams it touched. */
  readonly events: readonly AppendedEvent[];
  /** True when the command had been handled before and nothing new was appended. */
  readonly alreadyHandled: boolean;
}
