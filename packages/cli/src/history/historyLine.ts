import { hash } from "node:crypto";
import { canonicalJson, computeEventHash, plainJson, type JsonObject, type RecordedEvent } from "@grantledger/core";
import { canonicalLineContentHash } from "./canonicalLine.js";

const LONE_SURROGATE_REASON = "has a lone surrogate, which RFC 8785 cannot write";

/** What the format writes for an event, piece by piece, or why it cannot write it. */
interface LinePieces {
  readonly streamName: string;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  /** The metadata without `hash`, as the event's hash covers it, when it came for free. */
  readonly hashedMetadata: string | undefined;
  readonly recordedAt: string;
}

class LinePieceError extends Error {}

/**
 * A string field as the line writes it: `JSON.stringify`'s form, which is RFC 8785's for every
 * string that has one (core's `plainJson` writes it so); a lone surrogate has none.
 */
const stringPiece = (value: string, field: string): string => {
  const quoted = plainJson(value, 0);
  if (quoted === undefined) throw new LinePieceError(`${field} ${LONE_SURROGATE_REASON}`);
  return quoted;
};

/** `data` or `metadata` in RFC 8785 canonical form (of what JSON.parse gives, only a lone surrogate has none). */
const objectPiece = (value: JsonObject, field: string): string => {
  let json: string | undefined;
  try {
    json = canonicalJson(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LinePieceError(/lone surrogate/i.test(message) ? `${field} ${LONE_SURROGATE_REASON}` : `${field} has no RFC 8785 form: ${message}`);
  }
  if (json === undefined) throw new LinePieceError(`${field} has no RFC 8785 form`);
  return json;
};

/**
 * The metadata in canonical form twice, with and without `hash`, from one canonicalisation of
 * its values: core's `plainJson` object loop at the top level (keys sorted by UTF-16 code units,
 * as RFC 8785 orders them). `undefined` for anything but plain JSON, left to {@link objectPiece}.
 */
const metadataForms = (metadata: JsonObject): { readonly line: string; readonly hashed: string } | undefined => {
  let line = "{";
  let hashed = "{";
  for (const key of Object.keys(metadata).sort()) {
    const value = metadata[key];
    if (value === undefined) continue;
    const item = plainJson(value, 1);
    const name = plainJson(key, 1);
    if (item === undefined || name === undefined) return undefined;
    const entry = `${name}:${item}`;
    line += line.length === 1 ? entry : `,${entry}`;
    if (key !== "hash") hashed += hashed.length === 1 ? entry : `,${entry}`;
  }
  return { line: `${line}}`, hashed: `${hashed}}` };
};

const linePieces = (event: RecordedEvent): LinePieces => {
  const metadata = metadataForms(event.metadata);
  return {
    streamName: stringPiece(event.streamName, "streamName"),
    id: stringPiece(event.id, "id"),
    type: stringPiece(event.type, "type"),
    data: objectPiece(event.data, "data"),
    metadata: metadata?.line ?? objectPiece(event.metadata, "metadata"),
    hashedMetadata: metadata?.hashed,
    recordedAt: stringPiece(event.recordedAt, "recordedAt"),
  };
};

const assemble = (pieces: LinePieces, revision: bigint, position: bigint): string =>
  `{"streamName":${pieces.streamName},"revision":${revision},"position":${position},"id":${pieces.id},"type":${pieces.type},` +
  `"data":${pieces.data},"metadata":${pieces.metadata},"recordedAt":${pieces.recordedAt}}`;

/**
 * One recorded event as a line of an exported history (docs/audit.md §4.1): the keys in the
 * order `streamName, revision, position, id, type, data, metadata, recordedAt`, revision and
 * position as JSON integers, the four string fields as `JSON.stringify` writes them, `data` and
 * `metadata` in RFC 8785 canonical form, the form their hash covers, and no whitespace. So an
 * export depends only on the history and not on the key order a store happens to return
 * (PostgreSQL's jsonb reorders keys): export, import elsewhere and export again gives the same
 * bytes; and {@link parseHistoryLine} accepts exactly these lines, so each has one reading.
 *
 * @throws TypeError for an event with a text RFC 8785 cannot write (a lone surrogate): it has
 *   no line, as it has no hash.
 */
export const formatHistoryLine = (event: RecordedEvent): string => {
  let pieces: LinePieces;
  try {
    pieces = linePieces(event);
  } catch (error) {
    if (error instanceof LinePieceError) throw new TypeError(`${event.streamName}@${event.revision}: ${error.message}`);
    throw error;
  }
  return assemble(pieces, event.revision, event.position);
};

/** Why a line of a history file is not a recorded event. */
export class HistoryLineError extends Error {
  /**
   * @param line - the line of the file, from 1.
   * @param reason - what is wrong with it.
   */
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = "HistoryLineError";
  }
}

// Our own lines start with these three keys; reading their digits from the text keeps a
// position above 2^53 exact, where JSON.parse would round it.
const PREFIX = /^\{"streamName":"(?:[^"\\]|\\.)*","revision":(0|[1-9]\d*),"position":(0|[1-9]\d*),/;

const KEYS = ["streamName", "revision", "position", "id", "type", "data", "metadata", "recordedAt"] as const;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

const integerField = (record: JsonObject, key: string, exact: string | undefined, line: number): bigint => {
  const value = record[key];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new HistoryLineError(line, `${key} is not a non-negative JSON integer: ${JSON.stringify(value)}`);
  }
  if (exact !== undefined) return BigInt(exact);
  if (!Number.isSafeInteger(value)) throw new HistoryLineError(line, `${key} ${value} is beyond 2^53 and was not written as our export writes it`);
  return BigInt(value);
};

/** Characters of context shown on each side of the first difference. */
const EXCERPT_BEFORE = 12;
const EXCERPT_AFTER = 28;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** A short piece of `text` around code unit `at`, control characters escaped, cut marked with `…`. */
const excerpt = (text: string, at: number): string => {
  let start = Math.max(0, at - EXCERPT_BEFORE);
  let end = Math.min(text.length, at + EXCERPT_AFTER);
  // Never cut a surrogate pair in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start -= 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
  // eslint-disable-next-line no-control-regex -- control characters are what must be made visible
  const piece = text.slice(start, end).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${start > 0 ? "…" : ""}${piece}${end < text.length ? "…" : ""}`;
};

/** The reason for a line that parses but is not the canonical form of what it parses to. */
const notCanonical = (text: string, canonical: string): string => {
  let at = 0;
  const shorter = Math.min(text.length, canonical.length);
  while (at < shorter && text.charCodeAt(at) === canonical.charCodeAt(at)) at += 1;
  // Back to the start of a character, so that the column counts characters.
  if (at > 0 && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) at -= 1;
  let column = 1;
  for (let index = 0; index < at; index++) {
    if (!(isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)))) column += 1;
  }
  const found = at >= text.length ? "the end of the line" : `\`${excerpt(text, at)}\``;
  const wanted = at >= canonical.length ? "the end of the line" : `\`${excerpt(canonical, at)}\``;
  return `not in the canonical form (the one way our export writes each event); first difference at column ${column}: found ${found}, canonical ${wanted}`;
};

/** An event read from a line, with the content hash its line's canonical form gave for free. */
export interface HashedHistoryLine {
  /** The event, as a store would return it. */
  readonly event: RecordedEvent;
  /**
   * SHA-256 hex of the event's hashed content (docs/audit.md §1), exactly what
   * `computeEventHash(event)` of `@grantledger/core` returns; the event's `metadata.hash` should
   * be this.
   */
  readonly contentHash: string;
}

/**
 * Parses one line of an exported history and hashes its content; `line` (1-based) is only for
 * the error. The line is accepted only if it is byte for byte what {@link formatHistoryLine}
 * writes for the event it parses to, so that no two readers can read it two ways; and `data`,
 * canonicalised once for that check, is hashed as it is (a verifier's costliest step, done once).
 *
 * @throws HistoryLineError for anything else, naming what is wrong.
 */
export const parseHistoryLineWithHash = (text: string, line: number): HashedHistoryLine => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HistoryLineError(line, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(parsed)) throw new HistoryLineError(line, "not a JSON object");
  // Nearly every line of an export: known canonical without writing the event again. Such a
  // line holds its eight keys, in their order, and nothing else: they need no looking for.
  const hashOfCanonical = canonicalLineContentHash(text);
  if (hashOfCanonical === undefined) {
    for (const key of KEYS) if (!Object.hasOwn(parsed, key)) throw new HistoryLineError(line, `no ${key}`);
    for (const key of Object.keys(parsed)) {
      if (!(KEYS as readonly string[]).includes(key)) throw new HistoryLineError(line, `unexpected key ${JSON.stringify(key)}`);
    }
  }
  const { streamName, id, type, data, metadata, recordedAt } = parsed;
  if (typeof streamName !== "string" || streamName === "") throw new HistoryLineError(line, "streamName is not a non-empty string");
  if (typeof id !== "string" || id === "") throw new HistoryLineError(line, "id is not a non-empty string");
  if (typeof type !== "string" || type === "") throw new HistoryLineError(line, "type is not a non-empty string");
  if (!isObject(data)) throw new HistoryLineError(line, "data is not a JSON object");
  if (!isObject(metadata)) throw new HistoryLineError(line, "metadata is not a JSON object");
  if (typeof recordedAt !== "string") throw new HistoryLineError(line, "recordedAt is not a string");
  // Only a number JSON.parse may have rounded needs its digits read from the text.
  const exact = Number.isSafeInteger(parsed["revision"]) && Number.isSafeInteger(parsed["position"]) ? undefined : PREFIX.exec(text);
  const revision = integerField(parsed, "revision", exact?.[1], line);
  const position = integerField(parsed, "position", exact?.[2], line);
  const event: RecordedEvent = { streamName, revision, position, id, type, data, metadata, recordedAt };
  if (hashOfCanonical !== undefined) return { event, contentHash: hashOfCanonical };

  let pieces: LinePieces;
  try {
    pieces = linePieces(event);
  } catch (error) {
    if (error instanceof LinePieceError) throw new HistoryLineError(line, error.message);
    throw error;
  }
  const canonical = assemble(pieces, revision, position);
  if (canonical !== text) throw new HistoryLineError(line, notCanonical(text, canonical));

  // computeEventHash's bytes, with the data and metadata as canonicalised above. Its metadata
  // leaves `hash` out; a revision is hashed as the JSON number it is.
  const hashedMetadata = pieces.hashedMetadata;
  const contentHash =
    hashedMetadata === undefined
      ? computeEventHash(event)
      : hash(
          "sha256",
          `{"data":${pieces.data},"id":${pieces.id},"metadata":${hashedMetadata},"revision":${String(Number(revision))},"streamName":${pieces.streamName},"type":${pieces.type}}`,
          "hex",
        );
  return { event, contentHash };
};

/** Parses one line of an exported history (see {@link parseHistoryLineWithHash}); `line` (1-based) is only for the error. */
export const parseHistoryLine = (text: string, line: number): RecordedEvent => parseHistoryLineWithHash(text, line).event;
