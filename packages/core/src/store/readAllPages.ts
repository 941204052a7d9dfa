import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "./eventStore.js";
import type { RecordedEvent } from "./recordedEvent.js";
import { StoreFailure } from "./storeErrors.js";

/**
 * Every event after `after`, in global order, read a page at a time so a history of any size
 * streams through in bounded memory. A store error is thrown as a {@link StoreFailure}.
 */
export async function* readAllPages(store: EventStore, options: { after?: bigint; pageSize?: number } = {}): AsyncGenerator<RecordedEvent> {
  const pageSize = options.pageSize ?? 1000;
  let after = options.after;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: pageSize } : { after, maxCount: pageSize })();
    if (E.isLeft(page)) throw new StoreFailure(page.left);
    for (const event of page.right) yield event;
    const last = page.right[page.right.length - 1];
    if (last === undefined || page.right.length < pageSize) return;
    after = last.position;
  }
}
