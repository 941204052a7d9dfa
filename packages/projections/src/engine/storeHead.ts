import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { EventStore, ReadAllError } from "@grantledger/core";

const PAGE = 1_000;

/**
 * The global position of the last event in the store, looking only after `from` (a position
 * known to be stored, or `undefined` for the start): `from` itself when nothing follows it. The
 * port has no "last position" query, so this reads what lies after `from`, which for a runner
 * that is keeping up is a page or less.
 */
export const storeHead =
  (store: EventStore, from: bigint | undefined): TaskEither<ReadAllError, bigint | undefined> =>
  async () => {
    let head = from;
    for (;;) {
      const page = await store.readAll({ ...(head === undefined ? {} : { after: head }), maxCount: PAGE })();
      if (E.isLeft(page)) return page;
      const last = page.right.at(-1);
      if (last !== undefined) head = last.position;
      if (page.right.length < PAGE) return E.right(head);
    }
  };
