import canonicalize from "canonicalize";

// A lone surrogate: in `u` mode a well-formed pair reads as one code point, never a Surrogate.
const LONE_SURROGATE = /\p{Surrogate}/u;
// Nothing JSON escapes (quote, backslash, control characters) and no surrogate at all.
// eslint-disable-next-line no-control-regex -- control characters are what JSON must escape
const NEEDS_NO_ESCAPE = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * A string as JSON, or `undefined` for one with a lone surrogate. Most strings need no escape,
 * and quoting them by hand costs a fraction of a `JSON.stringify` call.
 */
const quote = (text: string): string | undefined => {
  if (NEEDS_NO_ESCAPE.test(text)) return `"${text}"`;
  return LONE_SURROGATE.test(text) ? undefined : JSON.stringify(text);
};

// Deeper than any event; past it the package takes over, and reports a cycle as it always did.
const MAX_DEPTH = 64;

/**
 * Canonical JSON of plain JSON, or `undefined` for anything else (the package decides then).
 * `omit` leaves that key of an object out, as if it were not there (for an event's own hash).
 */
export const plainJson = (value: unknown, depth: number, omit?: string): string | undefined => {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // What JSON.stringify writes for a finite number, without the call.
      return Number.isFinite(value) ? String(value) : undefined;
    case "string":
      return quote(value);
    case "object":
      break;
    default:
      return undefined;
  }
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === "function") return undefined;
  if (Array.isArray(value)) {
    let out = "[";
    for (let index = 0; index < value.length; index++) {
      const item = plainJson(value[index], depth + 1);
      if (item === undefined) return undefined;
      out += index === 0 ? item : `,${item}`;
    }
    return `${out}]`;
  }
  const record = value as Readonly<Record<string, unknown>>;
  let out = "{";
  let first = true;
  // Default sort: by UTF-16 code units, as RFC 8785 orders keys.
  for (const key of Object.keys(record).sort()) {
    if (key === omit) continue;
    const field = record[key];
    if (field === undefined || typeof field === "symbol") continue;
    const item = plainJson(field, depth + 1);
    const name = quote(key);
    if (item === undefined || name === undefined) return undefined;
    out += `${first ? "" : ","}${name}:${item}`;
    first = false;
  }
  return `${out}}`;
};

/**
 * The RFC 8785 canonical JSON of `value`, exactly as the `canonicalize` package writes it (its
 * test compares the two on arbitrary values). Plain JSON (what events are) is written here in one
 * pass; anything else (`toJSON`, non-finite numbers, lone surrogates, symbols, cycles) is left to
 * the package, so every output and every error stays its. Each event a command appends is
 * hashed over this, and the package's per-value checks made it the costliest step of an append.
 */
export const canonicalJson = (value: unknown): string | undefined => plainJson(value, 0) ?? canonicalize(value);
