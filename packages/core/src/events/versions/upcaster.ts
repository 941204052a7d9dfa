import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import type { JsonObject } from "../../store/recordedEvent.js";

/**
 * One step in the history of an event type's shape: reads `data` stored at version `from` and
 * gives it as version `from + 1`. Make one with {@link defineUpcaster}; chain them, one per
 * version, in an {@link EventVersioning}.
 */
export interface Upcaster {
  /** The event type, e.g. `"GrantDisbursed"`. */
  readonly type: string;
  /** The version it reads, from 1; it gives version `from + 1`. */
  readonly from: number;
  /**
   * The step: the stored data checked against version `from`'s codec (a failure names the path
   * in the data), then turned into version `from + 1`. Pure: it never changes its argument.
   */
  readonly step: (data: unknown) => t.Validation<JsonObject>;
}

/**
 * An {@link Upcaster} from a codec of the old version's data and a pure, typed function from that
 * data to the next version's. The codec is asked first, so the function only ever sees data of
 * the shape it is written for; stored data that does not pass is refused with its path.
 *
 * @param type - the event type.
 * @param from - the version `stored` describes; the function gives version `from + 1`.
 * @param stored - the codec of version `from`'s data: one that only checks (no transformation), so that its guard and its decode agree.
 * @param upcast - the step, a pure function: it builds a new object and never changes `data`.
 */
export const defineUpcaster = <Old, New extends JsonObject>(
  type: string,
  from: number,
  stored: t.Type<Old, unknown, unknown>,
  upcast: (data: Old) => New,
): Upcaster => ({
  type,
  from,
  // The guard first: it builds no context (an old event on a verifier's hot path); only data
  // that fails it is decoded, for the failing path. io-ts guards and decodes agree on codecs
  // that only check, as event codecs do.
  step: (data) => (stored.is(data) ? E.right(upcast(data)) : E.map(upcast)(stored.decode(data))),
});
