import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { sealHistory } from "@grantledger/core";
import { readSigningKey } from "../audit/sealKeys.js";
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
  /** A PEM file with the Ed25519 private key to sign the seal with. */
  readonly key?: string;
}

/**
 * `grantledger seal`: appends a version-2 `SealRecorded` (the Merkle root over every event so
 * far, signed when `--key` is given) and prints the root, the position and the tree size it
 * covers, to be kept where the store's operators cannot reach it.
 */
export const sealCommand = async (options: SealOptions, output: Output): Promise<number> => {
  const url = storeUrlOf(options.store);
  const label = parseStoreUrl(url).display;
  const signingKey = options.key === undefined ? undefined : readSigningKey(options.key);
  const store = await openStore(url, { writes: true });
  try {
    // Each seal is a new command: a fresh id, so sealing again seals again rather than replaying.
    const sealed = await sealHistory(store, { commandId: `seal-${randomUUID()}`, actor: options.actor }, new Date().toISOString(), signingKey === undefined ? {} : { signingKey });
    if (E.isLeft(sealed)) {
      const error = sealed.left;
      const reason =
        error._tag === "InvalidCommand"
          ? `${error.path}: ${error.reason}`
          : error._tag === "SealBaseBroken"
            ? `${error.reason} (seal@${error.sealRevision}); run grantledger verify --store to see what changed`
            : describeStoreError(error);
      throw new CliError(`cannot seal ${label}: ${reason}`);
    }
    const { root, position, treeSize, signature, eventsRead, sealRevision } = sealed.right;
    output.out(`root ${root}`);
    output.out(`position ${position}`);
    output.out(`tree size ${treeSize}`);
    output.out(`seal seal@${sealRevision}, version 2${signature === undefined ? ", unsigned" : `, signed by key ${signature.keyId}`}`);
    output.err(`read ${formatCount(eventsRead)} event${eventsRead === 1 ? "" : "s"} since the previous seal`);
    output.err(`keep the root outside the store; check it later with: grantledger verify --expect-root ${root}@${position}`);
    return EXIT_OK;
  } finally {
    await store.close();
  }
};
