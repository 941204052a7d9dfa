import { createHash } from "node:crypto";
import type { JsonObject } from "../store/recordedEvent.js";
import { canonicalJson } from "./canonicalJson.js";

/** What an event's hash covers (docs/audit.md): everything but the hash itself. */
export interface HashedContent {
  /** The stream the event is in. */
  readonly streamName: string;
  /** Its revision in that stream, from 0; hashed as a JSON integer. */
  readonly revision: bigint;
  /** The event's id. */
  readonly id: string;
  /** The event's type. */
  readonly type: string;
  /** The event's data, as stored. */
  readonly data: JsonObject;
  /** The event's metadata; a `hash` key in it is left out before hashing. */
  readonly metadata: JsonObject;
}

/** The RFC 8785 canonical JSON of an event's hashed content, as hashed. */
export const canonicalEventJson = (content: HashedContent): string => {
  const { hash: _omitted, ...metadata } = content.metadata;
  const canonical = canonicalJson({
    streamName: content.streamName,
    revision: Number(content.revision),
    id: content.id,
    type: content.type,
    data: content.data,
    metadata,
  });
  if (canonical === undefined) throw new TypeError(`event ${content.id} has no JSON form`);
  return canonical;
};

/** SHA-256, lower-case hex, of the event's canonical JSON in UTF-8. */
export const computeEventHash = (content: HashedContent): string =>
  createHash("sha256").update(canonicalEventJson(content), "utf8").digest("hex");
