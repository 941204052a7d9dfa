import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { unstorableText, type JsonObject } from "@grantledger/core";

/**
 * A deep, frozen copy of `value` if it is a plain JSON object, or why not: a sentence to be put
 * after the name of `value` (`.lines[0].amount is undefined, …`), so that the caller, not the
 * success path, pays for building names.
 *
 * Stricter than `JSON.stringify` on purpose: that would silently drop `undefined` and functions,
 * turn `NaN` into `null` and a `Date` into a string, so what is read back would differ from what
 * was appended. One walk both checks and copies, so each event is traversed once.
 */
export const frozenJsonObjectCopy = (value: unknown): Either<string, JsonObject> => {
  if (!isPlainObject(value)) return E.left(` is ${describe(value)}, not a JSON object`);
  try {
    return E.right(quickCopyObject(value, 0));
  } catch {
    // Something is not JSON, or nests deeper than the quick walk follows: the careful walk below
    // copies it or names the problem. A getter on refused input may so be read twice.
  }
  const trail: (string | number)[] = [];
  try {
    return E.right(copyObject(value, trail, []));
  } catch (error) {
    if (error instanceof NotJson) return E.left(`${formatTrail(trail)} ${error.message}`);
    return E.left(`${formatTrail(trail)} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * Deeper than this, the quick walk gives up and the careful one takes over: a cycle shows up as
 * nesting without end, so the quick walk need not keep the ancestors it passed through.
 */
const QUICK_DEPTH = 64;

/**
 * The copy that almost every append makes: the careful walk's, without the trail and the list of
 * ancestors it keeps to name a problem, so it allocates nothing but the copy. Throws on anything
 * the careful walk would refuse, and on nesting deeper than {@link QUICK_DEPTH}.
 */
const quickCopyValue = (value: unknown, depth: number): unknown => {
  switch (typeof value) {
    case "string":
      if (unstorableText(value) !== undefined) throw new NotJson();
      return value;
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new NotJson();
      return value === 0 ? 0 : value;
    case "object":
      if (value === null) return null;
      if (depth >= QUICK_DEPTH) throw new NotJson();
      if (Array.isArray(value)) {
        const copy: unknown[] = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index++) copy[index] = quickCopyValue(value[index], depth + 1);
        return Object.freeze(copy);
      }
      if (isPlainObject(value)) return quickCopyObject(value, depth + 1);
      throw new NotJson();
    default:
      throw new NotJson();
  }
};

const quickCopyObject = (object: JsonObject, depth: number): JsonObject => {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (unstorableText(key) !== undefined) throw new NotJson();
    const value = quickCopyValue(object[key], depth);
    if (key === "__proto__") Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    else copy[key] = value;
  }
  return Object.freeze(copy);
};

/** Thrown deep inside the walk and caught once at the top, so the success path builds no paths. */
class NotJson extends Error {}

const isPlainObject = (value: unknown): value is JsonObject => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

// The trail is pushed on the way down and popped on the way up; when a NotJson unwinds the stack
// nothing pops, so the trail is left naming exactly where the walk stopped.
const copyValue = (value: unknown, trail: (string | number)[], ancestors: object[]): unknown => {
  switch (typeof value) {
    case "string": {
      // One text rule for every store (see unstorableText): what one keeps, all keep.
      const unstorable = unstorableText(value);
      if (unstorable !== undefined) throw new NotJson(unstorable);
      return value;
    }
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new NotJson(`is ${value}, which JSON cannot hold`);
      // JSON has no negative zero: a store that writes text would give back 0, so give back 0 here.
      return value === 0 ? 0 : value;
    case "object":
      if (value === null) return null;
      if (ancestors.includes(value)) throw new NotJson("refers back to an enclosing object (a cycle)");
      if (Array.isArray(value)) return copyArray(value, trail, ancestors);
      if (isPlainObject(value)) return copyObject(value, trail, ancestors);
      throw new NotJson(`is ${describe(value)}, which JSON cannot hold; store a plain object or string`);
    default:
      throw new NotJson(`is ${describe(value)}, which JSON cannot hold`);
  }
};

const copyArray = (array: readonly unknown[], trail: (string | number)[], ancestors: object[]): unknown => {
  ancestors.push(array);
  const copy: unknown[] = new Array<unknown>(array.length);
  for (let index = 0; index < array.length; index++) {
    trail.push(index);
    copy[index] = copyValue(array[index], trail, ancestors);
    trail.pop();
  }
  ancestors.pop();
  return Object.freeze(copy);
};

const copyObject = (object: JsonObject, trail: (string | number)[], ancestors: object[]): JsonObject => {
  ancestors.push(object);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    trail.push(key);
    const unstorableKey = unstorableText(key);
    if (unstorableKey !== undefined) throw new NotJson(`is a key that ${unstorableKey}`);
    const value = copyValue(object[key], trail, ancestors);
    // Assigning "__proto__" would replace the copy's prototype instead of adding the key that
    // JSON.parse (and so every persistent store) reads back as an ordinary property.
    if (key === "__proto__") Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    else copy[key] = value;
    trail.pop();
  }
  ancestors.pop();
  return Object.freeze(copy);
};

const describe = (value: unknown): string => {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "bigint") return `a bigint (${value}n)`;
  if (typeof value !== "object") return `a ${typeof value}`;
  const prototype: unknown = Object.getPrototypeOf(value);
  const name = typeof prototype === "object" && prototype !== null ? prototype.constructor?.name : undefined;
  return typeof name === "string" && name !== "" ? `an instance of ${name}` : "an object that is not plain";
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const formatTrail = (trail: readonly (string | number)[]): string =>
  trail
    .map((step) => (typeof step === "number" ? `[${step}]` : IDENTIFIER.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`))
    .join("");
