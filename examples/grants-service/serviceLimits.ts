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
}

/** The limits unless the service is started with others. */
export const DEFAULT_SERVICE_LIMITS: ServiceLimits = { maxBodyBytes: 1024 * 1024, maxActorLength: 200, maxJsonDepth: 32 };
