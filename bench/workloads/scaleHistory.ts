import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { computeEventHash, type JsonObject } from "@grantledger/core";
import { formatHistoryLine } from "@grantledger/cli";
import { grantData, ROUND, ROUND_OPENED, TYPES } from "./auditHistory.js";

/** What every generated grant is awarded (øre), as `grantData` has it. */
const AWARDED = 70_000_00;
/** Grants are worked through in blocks, each step for the whole block, as a case officer would. */
const BLOCK = 500;

/**
 * Writes the history of `grants` grants (the round's opening, then eleven events a grant: the ten
 * `AuditHistory` makes, and the round's `FundsCommitted` before each award, so rule replay holds; chained with core's `computeEventHash`, one second apart) straight
 * to an NDJSON file in the export's form (`formatHistoryLine`), without a store, so that a
 * history of a million grants costs no memory but the streams' tails. No seals: sealing needs a
 * store; the chain is what an import checks. Returns how many lines.
 */
export const writeScaleHistory = async (path: string, grants: number): Promise<number> => {
  const out = createWriteStream(path);
  const tails = new Map<string, { revision: bigint; hash: string }>();
  let position = 0n;
  let clock = Date.UTC(2009, 5, 1);
  let pending = "";
  const record = async (streamName: string, type: string, data: JsonObject): Promise<void> => {
    const tail = tails.get(streamName);
    const revision = tail === undefined ? 0n : tail.revision + 1n;
    const commandId = randomUUID();
    const unhashed = { commandId, correlationId: commandId, causationId: commandId, actor: "bench@difi", schemaVersion: 1, prevHash: tail?.hash ?? null };
    const id = randomUUID();
    const hash = computeEventHash({ streamName, revision, id, type, data, metadata: unhashed });
    clock += 1000;
    const recordedAt = new Date(clock).toISOString();
    pending += `${formatHistoryLine({ streamName, revision, position, id, type, data, metadata: { ...unhashed, hash }, recordedAt })}\n`;
    tails.set(streamName, { revision, hash });
    position += 1n;
    if (pending.length >= 1 << 20) {
      if (!out.write(pending)) await once(out, "drain");
      pending = "";
    }
  };
  await record(`round-${ROUND}`, "RoundOpened", ROUND_OPENED);
  for (let first = 0; first < grants; first += BLOCK) {
    const ids = Array.from({ length: Math.min(BLOCK, grants - first) }, (_, i) => `g${first + i}`);
    for (let step = 0; step < TYPES.length; step++) {
      const type = TYPES[step] as string;
      for (const grantId of ids) {
        // The round commits the money before the award, as the handler does, so the rules hold.
        if (type === "GrantAwarded") await record(`round-${ROUND}`, "FundsCommitted", { roundId: ROUND, grantId, amount: AWARDED, committedAt: "2009-06-15T12:00:00+02:00" });
        await record(`grant-${grantId}`, type, grantData(type, grantId, step));
      }
    }
  }
  out.write(pending);
  out.end();
  await once(out, "finish");
  return Number(position);
};
