import * as E from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import { deserialize, serialize } from "node:v8";
import type { JsonObject } from "@grantledger/core";
import type { StoredReadModel } from "@grantledger/projections";

/**
 * The event type a read model is saved under. It starts with `$` so that it counts as one of
 * EventStoreDB's own events: `excludeSystemEvents` and this adapter's reads of all streams pass
 * over it, and no projection ever folds its own saved state.
 */
export const READ_MODEL_EVENT_TYPE = "$grantledger-read-model";

/** Says how `data` is encoded, so that a later format can be told apart. */
const ENCODING = "v8-structured-clone";

/** A read model as one EventStoreDB event: the state as binary data, the rest as JSON metadata. */
export interface EncodedReadModel {
  readonly data: Uint8Array;
  readonly metadata: JsonObject;
}

/**
 * Encodes a read model for saving. States are structured-cloneable (maps, bigints, …), which JSON
 * is not, so the state is written with V8's serializer, as the PostgreSQL store does; the format
 * is documented by Node as safe to store. Version and checkpoint stay readable, as metadata.
 */
export const encodeReadModel = (model: StoredReadModel): Either<string, EncodedReadModel> => {
  try {
    return E.right({
      data: serialize(model.state),
      metadata: {
        version: model.version,
        checkpoint: model.checkpoint === undefined ? null : model.checkpoint.toString(),
        encoding: ENCODING,
      },
    });
  } catch (error) {
    return E.left(`the state cannot be saved: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Decodes a saved read model, or says what is wrong with the saved event. */
export const decodeReadModel = (data: unknown, metadata: unknown): Either<string, StoredReadModel> => {
  if (!(data instanceof Uint8Array)) return E.left("the saved event's data is not binary");
  if (typeof metadata !== "object" || metadata === null) return E.left("the saved event has no metadata");
  const version: unknown = Reflect.get(metadata, "version");
  const checkpoint: unknown = Reflect.get(metadata, "checkpoint");
  const encoding: unknown = Reflect.get(metadata, "encoding");
  if (encoding !== ENCODING) return E.left(`the saved event is encoded as ${String(encoding)}, not ${ENCODING}`);
  if (typeof version !== "number" || !Number.isInteger(version)) return E.left("the saved event's version is not an integer");
  if (checkpoint !== null && (typeof checkpoint !== "string" || !/^-?\d+$/.test(checkpoint))) {
    return E.left("the saved event's checkpoint is not an integer");
  }
  try {
    const state: unknown = deserialize(data);
    return E.right({ version, checkpoint: checkpoint === null ? undefined : BigInt(checkpoint), state });
  } catch (error) {
    return E.left(`the saved state cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
};
