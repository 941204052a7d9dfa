import { DEFAULT_INPUT_LIMITS, type InputLimits } from "@grantledger/core";
/**
 * How much one request may bring, so that no client can make the service hold without bound
 * (one 100 MB body once took it to 582 MB). Defaults fit a case-handling service: a command is a
 * few kilobytes; an application with a long summary and many participants stays far below 1 MiB.
 */
export interface ServiceLimits {
  /** The largest request body, in bytes; a larger one is refused with 413 before it is read whole. */
  readonly maxBodyBytes: number;
  /** The longest `X-Actor`, in characters; it is written into every event's metadata. */
  readonly maxActorLength: number;
  /**
   * How deeply a body's arrays and objects may nest (the body itself is depth 1); a deeper one is
   * refused with 422 before it is parsed, so no decoder or hash recurses into it. Every
   * command's own fields nest only a few levels deep.
   */
  readonly maxJsonDepth: number;
  /**
   * The most characters of prose in a command (summaries, notes, reasons, grounds, descriptions,
   * conditions), passed to the ledger (`limits.maxProseLength`); above it 422 `InvalidCommand`
   * naming the field.
   */
  readonly maxProseLength: number;
  /** The most characters of any other text of a command (names, titles, references), passed to the ledger. */
  readonly maxTextLength: number;
  /** The most items of one list of a command (participants, conditions, tranches…), passed to the ledger. */
  readonly maxListLength: number;
}

/** The limits unless the service is started with others. */
export const DEFAULT_SERVICE_LIMITS: ServiceLimits = {
  maxBodyBytes: 1024 * 1024,
  maxActorLength: 200,
  maxJsonDepth: 32,
  maxProseLength: DEFAULT_INPUT_LIMITS.maxProseLength,
  maxTextLength: DEFAULT_INPUT_LIMITS.maxTextLength,
  maxListLength: DEFAULT_INPUT_LIMITS.maxListLength,
};

/** The ledger's input limits that a service's limits give (the actor's bound is the context's). */
export const ledgerLimitsOf = (limits: ServiceLimits): InputLimits => ({
  maxProseLength: limits.maxProseLength,
  maxTextLength: limits.maxTextLength,
  maxContextLength: limits.maxActorLength,
  maxListLength: limits.maxListLength,
});
