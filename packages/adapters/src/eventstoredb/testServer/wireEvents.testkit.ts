import type { EventToAppend, JsonObject, RecordedEvent } from "@grantledger/core";
import { sharedPb, streamsPb } from "./protoAccess.testkit.js";
import { toWirePosition } from "./wirePositions.testkit.js";

type ProposedMessage = InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;
type Uuid = InstanceType<typeof sharedPb.UUID>;

// .NET ticks (100 ns) since the Unix epoch, as the server sends "created".
const TICKS_PER_MILLISECOND = 10_000n;

const utf8 = (text: string): Uint8Array => Buffer.from(text, "utf8");

/** A stream name as the wire carries it: bytes. */
export const streamIdentifier = (streamName: string): InstanceType<typeof sharedPb.StreamIdentifier> =>
  new sharedPb.StreamIdentifier().setStreamName(utf8(streamName));

/** The stream name in a stream identifier. */
export const streamNameOf = (identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString("utf8");

/** A UUID message as text. The client always sends the string form; the structured one reads as empty. */
export const uuidText = (uuid: Uuid | undefined): string => (uuid?.hasString() === true ? uuid.getString() : "");

const isJsonObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

const parseJsonObject = (bytes: Uint8Array, fallback: JsonObject): JsonObject => {
  if (bytes.length === 0) return fallback;
  const parsed: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
  if (!isJsonObject(parsed)) throw new Error("not a JSON object");
  return parsed;
};

// The memory store holds JSON objects only; a binary event's bytes are kept, base64, under this key.
const BINARY = "wire-test-server:binary";

const binaryOf = (data: JsonObject): Uint8Array | undefined => {
  const encoded = data[BINARY];
  return typeof encoded === "string" ? Buffer.from(encoded, "base64") : undefined;
};

/** A proposed message as the memory store takes it: JSON parsed from bytes, binary data wrapped. */
export const toEventToAppend = (message: ProposedMessage): EventToAppend => {
  const metadata = message.getMetadataMap();
  const binary = metadata.get("content-type") === "application/octet-stream";
  return {
    id: uuidText(message.getId()),
    type: metadata.get("type") ?? "",
    data: binary ? { [BINARY]: Buffer.from(message.getData_asU8()).toString("base64") } : parseJsonObject(message.getData_asU8(), {}),
    metadata: parseJsonObject(message.getCustomMetadata_asU8(), {}),
  };
};

/** A recorded event as a read response, with positions, as servers from 22.6 send it. */
export const toReadResponse = (event: RecordedEvent, fromAll: boolean): InstanceType<typeof streamsPb.ReadResp> => {
  const position = toWirePosition(event.position).toString();
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(binaryOf(event.data) ?? utf8(JSON.stringify(event.data)))
    .setCustomMetadata(utf8(JSON.stringify(event.metadata)));
  recorded
    .getMetadataMap()
    .set("type", event.type)
    .set("content-type", binaryOf(event.data) === undefined ? "application/json" : "application/octet-stream")
    .set("created", (BigInt(Date.parse(event.recordedAt)) * TICKS_PER_MILLISECOND).toString());
  const read = new streamsPb.ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) read.setCommitPosition(position);
  else read.setNoPosition(new sharedPb.Empty());
  return new streamsPb.ReadResp().setEvent(read);
};
