import * as E from "fp-ts/lib/Either.js";
import {
  buildConsistencyProof,
  buildEventInclusionProof,
  checkConsistencyProof,
  checkInclusionProof,
  decodeProofFile,
  decodeSeal,
  logLeafHash,
  readAllPages,
  SEAL_STREAM,
  type EventStore,
  type ProofFile,
  type ProofSeal,
  type RecordedEvent,
} from "@grantledger/core";
import { median, timeMs } from "../lib/rounds.js";

/** A history's log as `grantledger prove` reads it: every leaf hash, the version-2 seals, one event. */
export interface ProofLog {
  readonly leafHashes: readonly Buffer[];
  /** Every version-2 seal, in order, as a proof names it. */
  readonly seals: readonly ProofSeal[];
  /** The first event at or after leaf `wanted` that is not a seal. */
  readonly event: RecordedEvent;
  /** Its leaf index. */
  readonly index: number;
}

/**
 * Reads the store once, as the CLI's `readHistoryLog` reads a history: a leaf hash for every
 * event, the seals decoded, and the event to prove (the first grant or round event from leaf
 * `wanted` on).
 */
export const readProofLog = async (store: EventStore, wanted: number): Promise<ProofLog> => {
  const leafHashes: Buffer[] = [];
  const seals: ProofSeal[] = [];
  let found: { event: RecordedEvent; index: number } | undefined;
  for await (const event of readAllPages(store, { pageSize: 10_000 })) {
    const index = leafHashes.length;
    leafHashes.push(logLeafHash({ index, recordedAt: event.recordedAt, eventHash: String(event.metadata["hash"]) }));
    if (found === undefined && index >= wanted && event.streamName !== SEAL_STREAM) found = { event, index };
    if (event.streamName === SEAL_STREAM) {
      const seal = decodeSeal(event);
      if (E.isRight(seal) && seal.right.version === 2) {
        const { treeSize, root, position, sealedAt, signature } = seal.right.data;
        seals.push({ treeSize, root, position, sealedAt, ...(signature === undefined ? {} : { signature }) });
      }
    }
  }
  if (found === undefined) throw new Error(`the history has no event from ${wanted} on`);
  return { leafHashes, seals, ...found };
};

/** What a proof costs: its file, its path, building it, checking it. */
export interface ProofFigures {
  /** Bytes of the file `grantledger prove --out` writes: `JSON.stringify(proof, null, 2)` and a newline. */
  readonly bytes: number;
  /** Hashes in its path. */
  readonly pathHashes: number;
  /** The median time to build it from the leaf hashes, in ms. */
  readonly buildMs: number;
  readonly builds: number;
  /** The median time of one check, in µs. */
  readonly checkUs: number;
  readonly checks: number;
}

const BUILDS = 3;
const CHECKS = 1_000;
const WARM_UP = 100;

/**
 * Builds the proof `BUILDS` times (the median counts), writes it as `prove` does, reads it back
 * as `verify-proof` does (JSON.parse, `decodeProofFile`), and times `CHECKS` checks one by one
 * after a warm-up, each of which must hold.
 */
const measure = async <P extends ProofFile>(build: () => P, check: (proof: P) => E.Either<unknown, unknown>): Promise<ProofFigures> => {
  let built: P | undefined;
  const buildTimes: number[] = [];
  for (let i = 0; i < BUILDS; i++) buildTimes.push(await timeMs(async () => void (built = build())));
  const text = `${JSON.stringify(built, null, 2)}\n`;
  const decoded = decodeProofFile(JSON.parse(text));
  if (E.isLeft(decoded)) throw new Error(`the proof written does not decode: ${decoded.left.reason}`);
  const proof = decoded.right as P;
  const checkTimes: number[] = [];
  for (let i = 0; i < WARM_UP + CHECKS; i++) {
    const started = process.hrtime.bigint();
    const checked = check(proof);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e3;
    if (E.isLeft(checked)) throw new Error(`the proof does not check: ${JSON.stringify(checked.left)}`);
    if (i >= WARM_UP) checkTimes.push(elapsed);
  }
  return { bytes: Buffer.byteLength(text), pathHashes: proof.path.length, buildMs: median(buildTimes), builds: BUILDS, checkUs: median(checkTimes), checks: CHECKS };
};

const trustIn = (...seals: readonly ProofSeal[]) => ({ roots: seals.map((seal) => ({ root: seal.root, position: BigInt(seal.position) })) });

/** The inclusion proof of `log.event` in `seal`'s tree, as `grantledger prove --event … --seal …` builds it. */
export const inclusionFigures = (log: ProofLog, seal: ProofSeal): Promise<ProofFigures> =>
  measure(
    () => buildEventInclusionProof(log.leafHashes, seal, log.event, log.index),
    (proof) => checkInclusionProof(proof, trustIn(seal)),
  );

/** The consistency proof from `from` to `to`, as `grantledger prove --from-seal … --to-seal …` builds it. */
export const consistencyFigures = (log: ProofLog, from: ProofSeal, to: ProofSeal): Promise<ProofFigures> =>
  measure(
    () => buildConsistencyProof(log.leafHashes, from, to),
    (proof) => checkConsistencyProof(proof, trustIn(from, to)),
  );
