import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { StoreUnavailable } from "../store/storeErrors.js";

/** A data subject's key: 32 random bytes, and the random id that sealed values name it by. */
export interface PersonalDataKey {
  /** The id sealed values carry: 16 random bytes in base64url, never derived from the subject. */
  readonly keyId: string;
  /** The AES-256 key material (32 bytes). */
  readonly key: Uint8Array;
}

/**
 * Where the keys of data subjects live: outside the events, so that forgetting a subject
 * (deleting its key and the subject's tie to the key id) leaves every event, its hash and the
 * chain as they were, and every value sealed with that key unreadable for good. A subject is the
 * exact text of the person as the field names them (`"Kari Nordmann"`, `"evaluator-7"`).
 * Failures are `StoreUnavailable`, never a rejection.
 */
export interface PersonalDataKeys {
  /** The subject's key, created (with a new random key id) the first time it is asked for. */
  keyFor(subject: string): TaskEither<StoreUnavailable, PersonalDataKey>;
  /** The subject's key if it has one; never creates one. */
  findKey(subject: string): TaskEither<StoreUnavailable, PersonalDataKey | undefined>;
  /** The key with this id, or `undefined` when there is none (forgotten, or never made here). */
  keyById(keyId: string): TaskEither<StoreUnavailable, PersonalDataKey | undefined>;
  /**
   * Forgets the subject: deletes its key and its subject-to-key-id mapping, and returns the key
   * ids erased (empty when the subject had no key: forgetting twice erases nothing more).
   * `reason` is kept with the key ids in the store's erasure log, where it keeps one.
   */
  forget(subject: string, reason?: string): TaskEither<StoreUnavailable, readonly string[]>;
}
