import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { parseSealPrivateKey, parseSealPublicKey, SealKeyError } from "@grantledger/core";
import { usageError } from "../cliError.js";

const readKeyFile = (path: string, option: string): Buffer => {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : "cannot be read";
    throw usageError(`${option} ${path}: ${why}`);
  }
};

const parsed = (parse: () => KeyObject, path: string, option: string): KeyObject => {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SealKeyError) throw usageError(`${option} ${path}: ${error.message}`);
    throw error;
  }
};

/** `--key <pem>`: an Ed25519 private key to sign seals with; a missing or wrong file is a usage error. */
export const readSigningKey = (path: string): KeyObject => parsed(() => parseSealPrivateKey(readKeyFile(path, "--key")), path, "--key");

/** `--public-key <pem>` (repeatable): the sealers' Ed25519 public keys to trust. */
export const readTrustedKeys = (paths: readonly string[] | undefined): readonly KeyObject[] =>
  (paths ?? []).map((path) => parsed(() => parseSealPublicKey(readKeyFile(path, "--public-key")), path, "--public-key"));
