import { readFile } from "node:fs/promises";
import * as E from "fp-ts/lib/Either.js";
import { checkConsistencyProof, checkInclusionProof, decodeProofFile, type ProofChecked, type SealTrust } from "@grantledger/core";
import { readTrustedKeys } from "../audit/sealKeys.js";
import { CliError, EXIT_FAILED, EXIT_OK, usageError } from "../cliError.js";
import type { Output } from "../output/output.js";
import { parseExpectedRoot } from "./verifyCommand.js";

export interface VerifyProofOptions {
  /** Kept roots, `<root>@<position>`. */
  readonly root?: readonly string[];
  /** PEM files of trusted sealers' public keys. */
  readonly publicKey?: readonly string[];
}

const describeTrust = (trust: SealTrust): string => (trust.by === "root" ? "a kept root" : `a signature by trusted key ${trust.keyId}`);

/**
 * `grantledger verify-proof <file>`: checks an inclusion or consistency proof with nothing but
 * the file and what the auditor trusts (`--root <root>@<position>`, `--public-key <pem>`): no
 * history, no store. Exit 0 when it holds, 1 naming why not, 2 on a bad command line or file.
 */
export const verifyProofCommand = async (file: string, options: VerifyProofOptions, output: Output): Promise<number> => {
  const roots = (options.root ?? []).map((text) => parseExpectedRoot(text, "--root"));
  const keys = readTrustedKeys(options.publicKey);
  if (roots.length === 0 && keys.length === 0) throw usageError("give what you trust: --root <root>@<position> (repeatable) or --public-key <pem>");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    throw usageError(`${file}: ${code === "ENOENT" ? "no such file" : error instanceof SyntaxError ? `not JSON (${error.message})` : "cannot be read"}`);
  }
  const proof = decodeProofFile(json);
  if (E.isLeft(proof)) throw new CliError(`${file}: ${proof.left.reason}`, 2);
  const trust = { roots, keys };
  const checked: E.Either<{ reason: string }, ProofChecked> =
    proof.right.proof === "grantledger-inclusion-proof" ? checkInclusionProof(proof.right, trust) : checkConsistencyProof(proof.right, trust);
  if (E.isLeft(checked)) {
    output.out(`proof fails: ${checked.left.reason}`);
    return EXIT_FAILED;
  }
  output.out(`proof holds: ${checked.right.summary}`);
  output.out(`trusted by: ${checked.right.trust.map(describeTrust).join("; ")}`);
  return EXIT_OK;
};
