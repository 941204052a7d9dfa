import { v5 as uuidv5 } from "uuid";

/** The namespace of grantledger's derived event ids (UUID v5). */
export const EVENT_ID_NAMESPACE = "5f0c6e9b-3d2a-4c1e-9a7b-6c8d2e4f1a30";

/**
 * The id of the `index`-th event of `type` that command `commandId` appends to `streamName`.
 * Deterministic, so a retried command produces the same ids and the store's idempotency (or
 * the handler's check for the command id) keeps it from appending twice.
 */
export const deriveEventId = (commandId: string, streamName: string, type: string, index: number): string =>
  uuidv5(`${commandId}\u0000${streamName}\u0000${type}\u0000${index}`, EVENT_ID_NAMESPACE);
