import { hash } from "node:crypto";
import type { JsonObject } from "../store/recordedEvent.js";
import { canonicalJson, plainJson } from "./canonicalJson.js";

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

/** The general path: the content as one object, `hash` left out, through {@link canonicalJson}. */
const canonicalContent = (content: HashedContent): string | undefined => {
  const { hash: _omitted, ...metadata } = content.metadata;
  return canonicalJson({
    streamName: content.streamName,
    revision: Number(content.revision),
    id: content.id,
    type: content.type,
    data: content.data,
    metadata,
  });
};

/** The RFC 8785 canonical JSON of an event's hashed content, as hashed. */
export const canonicalEventJson = (content: HashedContent): string => {
  // Every event appended is hashed. Its six top-level keys are always the same, so they are
  // written here in their sorted order (data, id, metadata, revision, streamName, type) with no
  // object built and no sort, `hash` skipped in place rather than by copying the metadata. The
  // same bytes as the general path, one level down: anything but plain JSON goes that way.
  const data = plainJson(content.data, 1);
  const id = plainJson(content.id, 1);
  const metadata = plainJson(content.metadata, 1, "hash");
  const revision = plainJson(Number(content.revision), 1);
  const streamName = plainJson(content.streamName, 1);
  const type = plainJson(content.type, 1);
  const canonical =
    data === undefined || id === undefined || metadata === undefined || revision === undefined || streamName === undefined || type === undefined
      ? canonicalContent(content)
      : `{"data":${data},"id":${id},"metadata":${metadata},"revision":${revision},"streamName":${streamName},"type":${type}}`;
  if (canonical === undefined) throw new TypeError(`event ${content.id} has no JSON form`);
  return canonical;
};

/**
 * SHA-256, lower-case hex, of the event's canonical JSON in UTF-8. One-shot `crypto.hash`
 * (a string is hashed as UTF-8): the same digest without a Hash object per event.
 */
export const computeEventHash = (content: HashedContent): string => hash("sha256", canonicalEventJson(content), "hex");
