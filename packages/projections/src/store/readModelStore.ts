import type { TaskEither } from "fp-ts/lib/TaskEither.js";

/** What a read-model store keeps for one projection: its state and where that state stands. */
export interface StoredReadModel {
  /** The projection version that wrote the state; another version's state is rebuilt, not read. */
  readonly version: number;
  /** The last global position folded into `state`; `undefined` before the first event. */
  readonly checkpoint: bigint | undefined;
  /** The projection's state; its shape is the projection's business, guarded by `version`. */
  readonly state: unknown;
}

/** The read-model store could not load or save; nothing is known to have been saved. */
export interface ReadModelStoreFailed {
  readonly _tag: "ReadModelStoreFailed";
  /** The read model's name (the projection's name). */
  readonly name: string;
  /** What failed. */
  readonly operation: "load" | "save";
  /** The underlying failure, e.g. the database's message. */
  readonly reason: string;
}

/**
 * The port a projection runner keeps its read models in. The contract that makes a crash at
 * any point harmless: `save` writes version, checkpoint and state as one unit — a later `load`
 * sees all of one save or all of the one before, never the state of one with the checkpoint of
 * another. The runner saves once per batch, so a PostgreSQL implementation writes the state and
 * the checkpoint row in one transaction per batch.
 *
 * Implementations must not share objects with the caller: the state saved must not change when
 * the caller later changes its copy, and a loaded state belongs to whoever loaded it.
 */
export interface ReadModelStore {
  /** The read model saved under `name`, or `undefined` if there is none. */
  load(name: string): TaskEither<ReadModelStoreFailed, StoredReadModel | undefined>;
  /** Replaces the read model saved under `name`, atomically. */
  save(name: string, model: StoredReadModel): TaskEither<ReadModelStoreFailed, void>;
}
