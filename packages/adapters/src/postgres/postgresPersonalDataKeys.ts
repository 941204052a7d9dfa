import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { newPersonalDataKey, type PersonalDataKey, type PersonalDataKeys, type StoreUnavailable } from "@grantledger/core";
import { schemaVersion } from "./openSchema.js";
import { PERSONAL_DATA_KEYS } from "./personalDataKeysMigration.js";
import type { PostgresEventStore } from "./postgresEventStore.js";
import { unavailable } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import type { SqlRow } from "./sqlDriver.js";

const keyOf = (row: SqlRow | undefined): PersonalDataKey | undefined =>
  row === undefined ? undefined : { keyId: String(row["key_id"]), key: new Uint8Array(Buffer.from(String(row["key"]), "base64url")) };

const guarded =
  <A>(operation: string, work: () => Promise<A>): TaskEither<StoreUnavailable, A> =>
  async () => {
    try {
      return E.right(await work());
    } catch (error) {
      return E.left(unavailable(operation, error));
    }
  };

/**
 * The key store of personal data in the event store's own database and schema (tables of
 * migration 8, `personal_data_keys` and `personal_data_erasures`). Keys are made with
 * `INSERT … ON CONFLICT DO NOTHING`, so two processes sealing for one new subject at once end up
 * with its one key. `forget` deletes the subject's key and logs its key id and the reason, in
 * one transaction.
 */
export const createPostgresPersonalDataKeys = (store: PostgresEventStore): PersonalDataKeys => {
  const { driver } = store;
  const keys = `${quoteIdentifier(store.schema)}.personal_data_keys`;
  const erasures = `${quoteIdentifier(store.schema)}.personal_data_erasures`;
  const find = async (subject: string): Promise<PersonalDataKey | undefined> =>
    keyOf((await driver.query(`SELECT key_id, key FROM ${keys} WHERE subject = $1`, [subject]))[0]);
  return {
    keyFor: (subject) =>
      guarded("personalDataKeys.keyFor", async () => {
        const known = await find(subject);
        if (known !== undefined) return known;
        const made = newPersonalDataKey();
        await driver.query(`INSERT INTO ${keys} (key_id, subject, key) VALUES ($1, $2, $3) ON CONFLICT (subject) DO NOTHING`, [
          made.keyId,
          subject,
          Buffer.from(made.key).toString("base64url"),
        ]);
        // Ours, or the one another process inserted first (a new statement sees its commit).
        const stored = await find(subject);
        if (stored === undefined) throw new Error(`no key for the subject after inserting one into ${keys}`);
        return stored;
      }),
    findKey: (subject) => guarded("personalDataKeys.findKey", () => find(subject)),
    keyById: (keyId) => guarded("personalDataKeys.keyById", async () => keyOf((await driver.query(`SELECT key_id, key FROM ${keys} WHERE key_id = $1`, [keyId]))[0])),
    forget: (subject, reason) =>
      guarded("personalDataKeys.forget", () =>
        driver.transaction(async (tx) => {
          const deleted = await tx.query(`DELETE FROM ${keys} WHERE subject = $1 RETURNING key_id`, [subject]);
          const ids = deleted.map((row) => String(row["key_id"]));
          for (const id of ids) await tx.query(`INSERT INTO ${erasures} (key_id, reason) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING`, [id, reason ?? null]);
          return ids;
        }),
      ),
  };
};

/**
 * The store's key store, or `undefined` when its schema is from before migration 8 (opened
 * without migrating): then no key was ever kept there, and sealed values in it (written through
 * another key store) cannot be revealed from it.
 */
export const personalDataKeysOf = async (store: PostgresEventStore): Promise<PersonalDataKeys | undefined> =>
  (await schemaVersion(store.driver, store.schema)) >= PERSONAL_DATA_KEYS ? createPostgresPersonalDataKeys(store) : undefined;
