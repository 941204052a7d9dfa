import * as E from "fp-ts/lib/Either.js";
import { NonEmptyText, unstorableText } from "@grantledger/core";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import { describeStoreError } from "../output/describeStoreError.js";
import type { Output } from "../output/output.js";
import { storeUrlOf } from "../store/historySource.js";
import { openStore } from "../store/openStore.js";
import { personalKeysOf } from "../store/personalKeys.js";
import { parseStoreUrl } from "../store/storeUrl.js";

/** The options of `grantledger forget`. */
export interface ForgetOptions {
  /** The store URL (`--store`), else `GRANTLEDGER_STORE`. */
  readonly store?: string;
  /** Why, kept with the key ids in the erasure log (`--reason`). */
  readonly reason?: string;
}

/**
 * `grantledger forget <subject>`: erases the data subject's key from the key store of a
 * PostgreSQL or PGlite store (migrating its schema to have one, as any writing command may), so
 * every value sealed with it reads as `[erased]` from then on; no event changes. Prints how many
 * keys it erased and their random ids, never the subject or the data. Forgetting a subject with
 * no key erases nothing and succeeds.
 */
export const forgetCommand = async (subject: string, options: ForgetOptions, output: Output): Promise<number> => {
  if (!NonEmptyText.is(subject)) throw usageError("the subject to forget is blank: give the exact text the personal data names them by");
  if (options.reason !== undefined && (!NonEmptyText.is(options.reason) || unstorableText(options.reason) !== undefined)) {
    throw usageError("--reason must be text: not blank, no U+0000, no lone surrogate");
  }
  const url = parseStoreUrl(storeUrlOf(options.store));
  if (url.kind !== "postgres" && url.kind !== "pglite") {
    throw usageError(`forget needs a PostgreSQL or PGlite store, where the keys of personal data live; ${url.display} is not one`);
  }
  const store = await openStore(url.url, { writes: true });
  try {
    const keys = await personalKeysOf(store);
    if (keys === undefined) throw new CliError(`cannot forget in ${url.display}: it holds no key store of personal data`);
    const erased = await keys.forget(subject, options.reason)();
    if (E.isLeft(erased)) throw new CliError(`cannot forget in ${url.display}: ${describeStoreError(erased.left)}`);
    const ids = erased.right;
    if (ids.length === 0) {
      output.out(`Erased 0 keys in ${url.display}: no key for that subject (nothing sealed for it there, or already forgotten)`);
    } else {
      output.out(`Erased ${ids.length} ${ids.length === 1 ? "key" : "keys"} in ${url.display}: ${ids.join(", ")}`);
      output.out(`Every value sealed with ${ids.length === 1 ? "it" : "them"} now reads as [erased]; the events, their hashes and the chain are unchanged.`);
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
};
