import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";

type Props = Readonly<Record<string, t.Mixed>>;

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The properties an object codec knows, across the members of an intersection; else `undefined`. */
const collectProps = (codec: t.Mixed): Props | undefined => {
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) return codec.props as Props;
  if (codec instanceof t.IntersectionType) return Object.assign({}, ...(codec.types as t.Mixed[]).map(collectProps)) as Props;
  if (codec instanceof t.RefinementType || codec instanceof t.ReadonlyType || codec instanceof t.ExactType) return collectProps(codec.type as t.Mixed);
  return undefined;
};

// Codecs are immutable once built, so what they know is worked out once each, not per field.
const PROPS = new WeakMap<t.Mixed, Props | null>();
const propsOf = (codec: t.Mixed): Props | undefined => {
  let props = PROPS.get(codec);
  if (props === undefined) {
    props = collectProps(codec) ?? null;
    PROPS.set(codec, props);
  }
  return props ?? undefined;
};

// Top-level, not a closure per call: every command is walked, field by field.
const at = (path: string, key: string | number): string => (path === "" ? String(key) : `${path}.${key}`);

const walk = (codec: t.Mixed, value: unknown, path: string): string | undefined => {
  if (codec instanceof t.UnionType) {
    const member = (codec.types as t.Mixed[]).find((m) => E.isRight(m.decode(value)));
    return member === undefined ? undefined : walk(member, value, path);
  }
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
    if (!Array.isArray(value)) return undefined;
    for (const [index, item] of value.entries()) {
      const found = walk(codec.type as t.Mixed, item, at(path, index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const props = propsOf(codec);
  if (props === undefined || !isRecord(value)) return undefined;
  for (const key of Object.keys(value)) {
    // Own properties only: `constructor` or `__proto__` must not find Object.prototype's.
    const known = Object.hasOwn(props, key) ? props[key] : undefined;
    if (known === undefined) return at(path, key);
    const found = walk(known, value[key], at(path, key));
    if (found !== undefined) return found;
  }
  return undefined;
};

/**
 * The path of the first field of `value` that `codec` does not know (`data.project.budgetLine`),
 * for a value the codec accepts. io-ts lets unknown fields through, and a command's data becomes
 * its event: without this check a caller could write anything into the hashed, audited history.
 */
export const unknownField = (codec: t.Mixed, value: unknown): string | undefined => walk(codec, value, "");
