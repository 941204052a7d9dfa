import type { ReadStreamOptions } from "@grantledger/core";

/** `maxCount` as a count: absent means all, and nonsense (negative, NaN) means none. */
export const countLimit = (maxCount: number | undefined): number =>
  maxCount === undefined ? Infinity : Number.isNaN(maxCount) ? 0 : Math.max(0, Math.floor(maxCount));

/**
 * The array index of the first event strictly after global position `after`. Positions are
 * indices into the log, so this is arithmetic, not a search.
 */
export const indexAfter = (after: bigint | undefined): number =>
  after === undefined || after < 0n ? 0 : Number(after) + 1;

/**
 * The events of one stream that a read with `options` returns, copying only those. A backwards
 * read from beyond the end starts at the last event, as EventStoreDB's does.
 */
export const streamWindow = <T>(stream: readonly T[], options: ReadStreamOptions | undefined): T[] => {
  const limit = countLimit(options?.maxCount);
  const from = options?.fromRevision;
  if (options?.direction !== "backwards") {
    const start = from === undefined || from < 0n ? 0 : from >= BigInt(stream.length) ? stream.length : Number(from);
    return stream.slice(start, start + limit);
  }
  const start = from === undefined || from >= BigInt(stream.length) ? stream.length - 1 : Number(from);
  const window: T[] = [];
  for (let index = start; index >= 0 && window.length < limit; index--) {
    const event = stream[index];
    if (event !== undefined) window.push(event);
  }
  return window;
};
