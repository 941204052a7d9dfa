import { writeFile } from "node:fs/promises";
import { buildConsistencyProof, buildEventInclusionProof, checkConsistencyProof, checkInclusionProof, type ProofFile, type ProofSeal } from "@grantledger/core";
import * as E from "fp-ts/lib/Either.js";
import { readHistoryLog, type HistoryLog } from "../audit/logLeaves.js";
import { CliError, EXIT_OK, usageError } from "../cliError.js";
import type { Output } from "../output/output.js";
import type { SourceOptions } from "../store/historySource.js";

export interface ProveOptions extends SourceOptions {
  /** `<stream>@<revision>`: the event to prove included. */
  readonly event?: string;
  /** The position a seal covers (as `seal` printed it): the tree to prove the event in. */
  readonly seal?: bigint;
  /** The earlier seal of a consistency proof, by the position it covers. */
  readonly fromSeal?: bigint;
  /** The later seal of a consistency proof. */
  readonly toSeal?: bigint;
  /** Write the proof here instead of stdout. */
  readonly out?: string;
}

const EVENT = /^(.+)@(0|[1-9]\d*)$/;

const sealAt = (log: HistoryLog, position: bigint, option: string): ProofSeal => {
  const seal = log.seals.get(position);
  if (seal === undefined) {
    const known = [...log.seals.keys()].join(", ") || "none";
    throw new CliError(`${option} ${position}: no version-2 seal in ${log.label} covers position ${position} (version-2 seals cover: ${known})`);
  }
  if (seal.treeSize > log.leafHashes.length) throw new CliError(`${log.label}: the seal at ${position} covers ${seal.treeSize} events, but the history holds ${log.leafHashes.length}`);
  return seal;
};

/** The proof is built from the history and checked against the seal's own root before it is written. */
const selfCheck = (proof: ProofFile, label: string): void => {
  const anchors =
    proof.proof === "grantledger-inclusion-proof"
      ? [proof.seal]
      : [proof.from, proof.to];
  const roots = anchors.map((seal) => ({ root: seal.root, position: BigInt(seal.position) }));
  const checked = proof.proof === "grantledger-inclusion-proof" ? checkInclusionProof(proof, { roots }) : checkConsistencyProof(proof, { roots });
  if (E.isLeft(checked)) throw new CliError(`${label} does not give its seal's root, so no proof holds: ${checked.left.reason}; run grantledger verify`);
};

/**
 * `grantledger prove`: an RFC 9162 inclusion proof of one event in a seal's tree
 * (`--event <stream>@<revision> --seal <position>`), or a consistency proof between two seals
 * (`--from-seal <p1> --to-seal <p2>`), as a small JSON file that `verify-proof` checks alone.
 */
export const proveCommand = async (options: ProveOptions, output: Output): Promise<number> => {
  const inclusion = options.event !== undefined || options.seal !== undefined;
  const consistency = options.fromSeal !== undefined || options.toSeal !== undefined;
  if (inclusion === consistency) throw usageError("give --event <stream>@<revision> --seal <position>, or --from-seal <p1> --to-seal <p2>");
  let proof: ProofFile;
  if (inclusion) {
    if (options.event === undefined || options.seal === undefined) throw usageError("an inclusion proof needs both --event <stream>@<revision> and --seal <position>");
    const match = EVENT.exec(options.event);
    if (match === null) throw usageError(`--event "${options.event}" is not <stream>@<revision>`);
    const key = `${match[1]}@${match[2]}`;
    const log = await readHistoryLog(options, new Set([key]));
    const seal = sealAt(log, options.seal, "--seal");
    const found = log.found.get(key);
    if (found === undefined) throw new CliError(`--event ${key}: no such event in ${log.label}`);
    if (found.index >= seal.treeSize) throw new CliError(`--event ${key} is event ${found.index} of the history, after the ${seal.treeSize} the seal at ${options.seal} covers`);
    proof = buildEventInclusionProof(log.leafHashes, seal, found.event, found.index);
    selfCheck(proof, log.label);
  } else {
    if (options.fromSeal === undefined || options.toSeal === undefined) throw usageError("a consistency proof needs both --from-seal <p1> and --to-seal <p2>");
    const log = await readHistoryLog(options, new Set());
    const from = sealAt(log, options.fromSeal, "--from-seal");
    const to = sealAt(log, options.toSeal, "--to-seal");
    if (from.treeSize > to.treeSize) throw usageError(`--from-seal ${options.fromSeal} covers ${from.treeSize} events, more than --to-seal ${options.toSeal} (${to.treeSize}): give the earlier seal first`);
    proof = buildConsistencyProof(log.leafHashes, from, to);
    selfCheck(proof, log.label);
  }
  const text = `${JSON.stringify(proof, null, 2)}\n`;
  if (options.out === undefined) output.out(text.trimEnd());
  else {
    await writeFile(options.out, text);
    output.err(`wrote ${options.out} (${Buffer.byteLength(text)} bytes, ${proofPathLength(proof)} hashes in the path)`);
  }
  return EXIT_OK;
};

const proofPathLength = (proof: ProofFile): number => proof.path.length;
