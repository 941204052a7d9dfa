import { hash } from "node:crypto";

// Reads a line's text for canonical form, character by character, without serialising anything:
// writing the parsed event again and comparing costs more than JSON.parse itself.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const SMALL_E = 0x65;
const CAPITAL_E = 0x45;
/** The characters after a backslash that RFC 8785 writes: `"`, `\`, b, f, n, r, t (a `\u` escape is left to the general path). */
const SHORT_ESCAPES = new Set([QUOTE, BACKSLASH, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** A run of characters a string holds as they are: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what a JSON string may not hold
const PLAIN_RUN = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;

/** As deep as core's canonical JSON writes by itself; anything deeper takes the general path. */
const MAX_DEPTH = 64;
/** Digits of an integer that a double always holds exactly, so that it is written back as it is. */
const EXACT_DIGITS = 15;

/** Not canonical, or not certainly so here. */
const NO = -1;

const isDigit = (code: number): boolean => code >= ZERO && code <= NINE;
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * One line's reading. Each method takes the index where a token starts and returns the index
 * just after it if it is written as RFC 8785 writes it, else {@link NO}.
 */
class CanonicalScan {
  /** Where the metadata's own `"hash":…` member starts and ends, when it has one. */
  hashStart = NO;
  hashEnd = NO;

  constructor(private readonly text: string) {}

  /**
   * A string: no escape but the short ones, no control character, no lone surrogate. The runs
   * between the characters that need a look are skipped by one sticky match each.
   */
  string(at: number, escapes: boolean): number {
    const text = this.text;
    if (text.charCodeAt(at) !== QUOTE) return NO;
    for (let i = at + 1; ; ) {
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(text);
      i = PLAIN_RUN.lastIndex;
      if (i >= text.length) return NO;
      const code = text.charCodeAt(i);
      if (code === QUOTE) return i + 1;
      if (code === BACKSLASH) {
        if (!escapes || !SHORT_ESCAPES.has(text.charCodeAt(i + 1))) return NO;
        i += 2;
      } else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) i += 2;
      // A control character or a lone surrogate.
      else return NO;
    }
  }

  /** A number as ECMAScript writes it, which is RFC 8785's: no `-0`, no `1.0`, no `1e2`. */
  number(at: number): number {
    const text = this.text;
    let i = text.charCodeAt(at) === MINUS ? at + 1 : at;
    const first = i;
    while (isDigit(text.charCodeAt(i))) i += 1;
    const digits = i - first;
    if (digits === 0) return NO;
    const next = text.charCodeAt(i);
    const integer = next !== DOT && next !== SMALL_E && next !== CAPITAL_E;
    // The common case, decided from the digits: a short integer without a leading zero (and not -0).
    if (integer && digits <= EXACT_DIGITS && (text.charCodeAt(first) !== ZERO || (digits === 1 && first === at))) return i;
    if (next === DOT) for (i += 1; isDigit(text.charCodeAt(i)); i += 1);
    if (text.charCodeAt(i) === SMALL_E || text.charCodeAt(i) === CAPITAL_E) {
      i += 1;
      if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === MINUS) i += 1;
      while (isDigit(text.charCodeAt(i))) i += 1;
    }
    const token = text.slice(at, i);
    return String(Number(token)) === token ? i : NO;
  }

  value(at: number, depth: number): number {
    const text = this.text;
    switch (text.charCodeAt(at)) {
      case QUOTE:
        return this.string(at, true);
      case OPEN_OBJECT:
        return this.object(at, depth + 1, false);
      case OPEN_ARRAY:
        return this.array(at, depth + 1);
      case 0x74:
        return text.startsWith("true", at) ? at + 4 : NO;
      case 0x66:
        return text.startsWith("false", at) ? at + 5 : NO;
      case 0x6e:
        return text.startsWith("null", at) ? at + 4 : NO;
      default:
        return this.number(at);
    }
  }

  array(at: number, depth: number): number {
    if (depth > MAX_DEPTH) return NO;
    const text = this.text;
    let i = at + 1;
    if (text.charCodeAt(i) === CLOSE_ARRAY) return i + 1;
    for (;;) {
      i = this.value(i, depth);
      if (i === NO) return NO;
      const code = text.charCodeAt(i);
      if (code === CLOSE_ARRAY) return i + 1;
      if (code !== COMMA) return NO;
      i += 1;
    }
  }

  /**
   * An object whose keys run in ascending UTF-16 order, so none twice. Keys are taken only
   * unescaped, so that their text is the key. `metadata` notes where its `hash` member is.
   */
  object(at: number, depth: number, metadata: boolean): number {
    if (depth > MAX_DEPTH) return NO;
    const text = this.text;
    let i = at + 1;
    if (text.charCodeAt(i) === CLOSE_OBJECT) return i + 1;
    let previousStart = NO;
    let previousEnd = NO;
    for (;;) {
      const keyStart = i;
      const keyEnd = this.string(i, false);
      if (keyEnd === NO || text.charCodeAt(keyEnd) !== COLON) return NO;
      if (previousStart !== NO && !this.ascending(previousStart, previousEnd, keyStart, keyEnd)) return NO;
      i = this.value(keyEnd + 1, depth);
      if (i === NO) return NO;
      if (metadata && keyEnd - keyStart === '"hash"'.length && text.startsWith('"hash"', keyStart)) {
        this.hashStart = keyStart;
        this.hashEnd = i;
      }
      previousStart = keyStart;
      previousEnd = keyEnd;
      const code = text.charCodeAt(i);
      if (code === CLOSE_OBJECT) return i + 1;
      if (code !== COMMA) return NO;
      i += 1;
    }
  }

  /** Whether the key quoted at [aStart, aEnd) comes strictly before the one at [bStart, bEnd), by UTF-16 code units. */
  private ascending(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    const text = this.text;
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    const shorter = Math.min(aLength, bLength) - 1;
    for (let k = 1; k < shorter; k++) {
      const a = text.charCodeAt(aStart + k);
      const b = text.charCodeAt(bStart + k);
      if (a !== b) return a < b;
    }
    return aLength < bLength;
  }

  /** Whether `literal` stands at `at`; the index after it, or NO. */
  literal(at: number, literal: string): number {
    return at !== NO && this.text.startsWith(literal, at) ? at + literal.length : NO;
  }
}

/**
 * The content hash (docs/audit.md §1) of a line that is, as it stands, the canonical line of the
 * event it parses to (what `formatHistoryLine` writes), or `undefined` when that is not certain
 * here: then the caller writes the event again and compares, which decides and says why not.
 * Certain when every token is written as RFC 8785 writes it, and every object's keys run in its
 * order; a `\u` escape, an escaped key, a number a double may not give back and more than 64
 * levels are left to the caller. The hashed content is then cut from the line itself: `data` as
 * it stands, the metadata without its `hash` member.
 *
 * @param text - a line that JSON.parse read as an object (the scan takes the text as valid JSON;
 *   the keys it finds, in their order, are then all the object has).
 */
export const canonicalLineContentHash = (text: string): string | undefined => {
  const scan = new CanonicalScan(text);
  const streamNameStart = scan.literal(0, '{"streamName":');
  const streamNameEnd = scan.string(streamNameStart, true);
  const revisionStart = scan.literal(streamNameEnd, ',"revision":');
  const revisionEnd = revisionStart === NO ? NO : scan.number(revisionStart);
  const positionStart = scan.literal(revisionEnd, ',"position":');
  const positionEnd = positionStart === NO ? NO : scan.number(positionStart);
  const idStart = scan.literal(positionEnd, ',"id":');
  const idEnd = idStart === NO ? NO : scan.string(idStart, true);
  const typeStart = scan.literal(idEnd, ',"type":');
  const typeEnd = typeStart === NO ? NO : scan.string(typeStart, true);
  const dataStart = scan.literal(typeEnd, ',"data":');
  const dataEnd = dataStart === NO ? NO : scan.object(dataStart, 1, false);
  const metadataStart = scan.literal(dataEnd, ',"metadata":');
  const metadataEnd = metadataStart === NO ? NO : scan.object(metadataStart, 1, true);
  const recordedAtStart = scan.literal(metadataEnd, ',"recordedAt":');
  const recordedAtEnd = recordedAtStart === NO ? NO : scan.string(recordedAtStart, true);
  if (recordedAtEnd === NO || recordedAtEnd !== text.length - 1 || text.charCodeAt(recordedAtEnd) !== CLOSE_OBJECT) return undefined;
  return hash(
    "sha256",
    `{"data":${text.slice(dataStart, dataEnd)},"id":${text.slice(idStart, idEnd)},"metadata":${hashedMetadata(text, metadataStart, metadataEnd, scan)},` +
      `"revision":${text.slice(revisionStart, revisionEnd)},"streamName":${text.slice(streamNameStart, streamNameEnd)},"type":${text.slice(typeStart, typeEnd)}}`,
    "hex",
  );
};

/** The metadata's text without its `hash` member and the comma that joined it to the rest, as the hash covers it. */
const hashedMetadata = (text: string, start: number, end: number, scan: CanonicalScan): string => {
  if (scan.hashStart === NO) return text.slice(start, end);
  // The member before it (or after it, when it is first) keeps its own comma.
  const commaBefore = text.charCodeAt(scan.hashStart - 1) === COMMA;
  const cutStart = commaBefore ? scan.hashStart - 1 : scan.hashStart;
  const cutEnd = !commaBefore && text.charCodeAt(scan.hashEnd) === COMMA ? scan.hashEnd + 1 : scan.hashEnd;
  return text.slice(start, cutStart) + text.slice(cutEnd, end);
};
