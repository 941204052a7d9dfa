import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { sealHistory } from "@grantledger/core";
import { CliError, EXIT_OK } from "../cliError.js";
import { describeStoreError } from "../output/describeStoreError.js";
import { formatCount } from "../output/formatCount.js";
import type { Output } from "../output/output.js";
import { openStore } from "../store/openStore.js";
import { storeUrlOf } from "../store/historySource.js";
import { parseStoreUrl } from "../store/storeUrl.js";

export interface SealOptions {
  readonly store?: string;
  readonly actor: string;
}

/**
 * `grantledger seal`: appends a `SealRecorded` over the store's stream heads and prints the root
 * and the position it covers, to be kept where the store's operators cannot reach it.
 */
export const sealCommand = async (options: SealOptions, output: Output): Promise<number> => {
  const url = storeUrlOf(options.store);
  const label = parseStoreUrl(url).display;
  const store = await openStore(url, { writes: true });
  try {
    // Each seal is a new command: a fresh id, so sealing again seals again rather than replaying.
    const sealed = await sealHistory(store, { commandId: `seal-${randomUUID()}`, actor: options.actor }, new Date().toISOString());
    if (E.isLeft(sealed)) {
      const error = sealed.left;
      const reason = error._tag === "InvalidCommand" ? `${error.path}: ${error.reason}` : describeStoreError(error);
      throw new CliError(`cannot seal ${label}: ${reason}`);
    }
    const { root, position, streams } = sealed.right;
    output.out(`root ${root}`);
    output.out(`position ${position}`);
    output.out(`streams ${formatCount(streams)}`);
    output.err(`keep the root outside the store; check it later with: grantledger verify --expect-root ${root}@${position}`);
    return EXIT_OK;
  } finally {
    await store.close();
  }
};
