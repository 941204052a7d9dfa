import type { DecodedEvent } from "@grantledger/core";
import type { Projection } from "@grantledger/projections";

/** Projections by name, each of its own state. */
export type Projections<T> = { readonly [K in keyof T]: Projection<T[K]> };

const foldBatch = <S>(projection: Projection<S>, state: S, events: readonly DecodedEvent[]): S => {
  const types = new Set<string>(projection.handles);
  const mine = events.filter((event) => types.has(event.event.type));
  return mine.length === 0 ? state : (projection.applyAll?.(state, mine) ?? mine.reduce(projection.apply, state));
};

/**
 * Several projections folded in one pass over the history, into a record of their states: a
 * workbook of four views reads the history once, not four times. Each projection is given
 * only the events it handles, as a runner would give them.
 */
export const foldTogether = <T extends object>(name: string, parts: Projections<T>): Projection<T> => {
  const keys = Object.keys(parts) as (keyof T)[];
  const each = <R>(use: <K extends keyof T>(key: K, projection: Projection<T[K]>) => R): R[] => keys.map((key) => use(key, parts[key]));
  const build = (value: <K extends keyof T>(key: K, projection: Projection<T[K]>) => T[K]): T =>
    Object.fromEntries(each((key, projection) => [key, value(key, projection)])) as T;
  return {
    name,
    version: 1,
    handles: [...new Set(each((_key, projection) => projection.handles).flat())],
    initialState: build((_key, projection) => projection.initialState),
    apply: (state, event) => build((key, projection) => (projection.handles.includes(event.event.type) ? projection.apply(state[key], event) : state[key])),
    applyAll: (state, events) => build((key, projection) => foldBatch(projection, state[key], events)),
  };
};
