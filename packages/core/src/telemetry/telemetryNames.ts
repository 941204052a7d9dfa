/**
 * The names grantledger's spans, attributes and metrics are recorded under: stable, so that
 * dashboards and alerts written against them keep working. The README of `@grantledger/core`
 * tables them with their types and units.
 */

/** The instrumentation scope (tracer and meter name) of the ledger's telemetry. */
export const CORE_TELEMETRY_SCOPE = "@grantledger/core";

/** Span and metric names of the command handler and of its event-store calls. */
export const LEDGER_TELEMETRY = {
  /** Span of one command; its name is this, a space, and the command type (`grantledger.command AwardGrant`). */
  commandSpan: "grantledger.command",
  /** Child span of one `appendToStream` a command made. */
  appendSpan: "grantledger.store.append",
  /** Child span of one `readStream` a command made. */
  readSpan: "grantledger.store.read",
  /** Child span of one `readAll` page the ledger read. */
  readAllSpan: "grantledger.store.read_all",
  /** Counter of commands handled (`{command}`), by type and outcome. */
  commandsMetric: "grantledger.commands",
  /** Histogram of how long a command took (`ms`), by type and outcome. */
  commandDurationMetric: "grantledger.command.duration",
} as const;

/** The attribute keys of the ledger's spans and metrics. */
export const LEDGER_ATTRIBUTES = {
  /** The command's type, e.g. `AwardGrant` (`unknown` for a type no command has). */
  commandType: "grantledger.command.type",
  /** `ok`, or the tag of the error that refused the command (`AwardExceedsRemainingBudget`, …), or `exception`. */
  commandOutcome: "grantledger.command.outcome",
  /** The command id the caller gave. */
  commandId: "grantledger.command.id",
  /** The correlation id the caller gave, when it gave one. */
  correlationId: "grantledger.command.correlation_id",
  /** Optimistic-concurrency retries: re-decisions after another writer won the append. */
  commandRetries: "grantledger.command.retries",
  /** The streams the command read or appended to, in the order it first touched them. */
  commandStreams: "grantledger.command.streams",
  /** How many events the outcome lists (appended now, or found from an earlier try). */
  commandEvents: "grantledger.command.events",
  /** Whether the command had been handled before (answered from its stored events). */
  alreadyHandled: "grantledger.command.already_handled",
  /** The OpenTelemetry semantic convention's error class: the error tag, on a failed command or store call. */
  errorType: "error.type",
  /** The stream a store call read or appended to. */
  streamName: "grantledger.stream.name",
  /** The expected revision of an append: a revision, or `any`, `no_stream`, `stream_exists`. */
  expectedRevision: "grantledger.store.expected_revision",
  /** How many events an append carried. */
  eventCount: "grantledger.store.event_count",
  /** How many events a read returned. */
  eventsRead: "grantledger.store.events_read",
  /** The first revision a stream read asked for, when it asked for one. */
  fromRevision: "grantledger.store.from_revision",
  /** The position a `readAll` page starts after, when it gives one. */
  afterPosition: "grantledger.store.after_position",
  /** The most events a read asked for, when it set a limit. */
  maxCount: "grantledger.store.max_count",
  /** `forwards` or `backwards`, for a stream read. */
  direction: "grantledger.store.direction",
  /** `ok`, or the tag of the store's error (`WrongExpectedVersion`, `StreamNotFound`, …). */
  storeOutcome: "grantledger.store.outcome",
  /** The revision of the last event appended (the next exact expected revision). */
  nextRevision: "grantledger.store.next_revision",
  /** The global position of the last event appended. */
  position: "grantledger.store.position",
} as const;
