import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

/**
 * The signature algorithms a token may use: Ed25519 (`EdDSA`, or `Ed25519` as RFC 9864 names
 * it), ECDSA on P-256 (`ES256`) and RSA PKCS#1 v1.5 with SHA-256 (`RS256`, keys of 2048 bits or
 * more). Never `none`, and never an HMAC: the service holds public keys only, so a secret it
 * could be tricked into verifying with does not exist.
 */
export const ACCEPTED_ALGORITHMS: readonly string[] = ["EdDSA", "Ed25519", "ES256", "RS256"];

/** What verifies a token's signature, and the algorithms it may be verified with. */
export interface TokenKeys {
  readonly key: KeyObject | JWTVerifyGetKey;
  readonly algorithms: readonly string[];
  /** For the startup log: which key this is, without the key itself. */
  readonly description: string;
}

/** Where the keys come from: one public key, or a key set (keys picked by the token's `kid`). */
export type TokenKeySource =
  /** A PEM public key (SPKI, `-----BEGIN PUBLIC KEY-----`), or the path of a file holding one. */
  | { readonly publicKey: string }
  /** The path of a JWKS file (`{ "keys": [...] }`, RFC 7517). */
  | { readonly jwksFile: string };

/** Keys that cannot be used; the message says which and why, for the operator. */
export class TokenKeyError extends Error {
  override readonly name = "TokenKeyError";
}

const MIN_RSA_BITS = 2048;

/** The algorithms a public key verifies, from its own type: a key never verifies another's. */
const algorithmsOf = (key: KeyObject): readonly string[] => {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "ed25519":
      return ["EdDSA", "Ed25519"];
    case "ec":
      if (details.namedCurve === "prime256v1") return ["ES256"];
      throw new TokenKeyError(`the public key is on curve ${details.namedCurve ?? "unknown"}; only P-256 (ES256) is accepted`);
    case "rsa":
      if ((details.modulusLength ?? 0) >= MIN_RSA_BITS) return ["RS256"];
      throw new TokenKeyError(`the RSA public key has ${details.modulusLength ?? 0} bits; at least ${MIN_RSA_BITS} are needed`);
    default:
      throw new TokenKeyError(`a ${key.asymmetricKeyType ?? "secret"} key is not accepted; give an Ed25519, P-256 or RSA public key`);
  }
};

const readText = async (path: string, what: string): Promise<string> => {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new TokenKeyError(`cannot read the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const publicKeyOf = async (given: string): Promise<TokenKeys> => {
  // PEM text in a variable is common in containers; anything else is taken as a file's path.
  const inline = given.trimStart().startsWith("-----BEGIN");
  const pem = inline ? given : await readText(given, "public key file");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch (error) {
    throw new TokenKeyError(`${inline ? "the public key" : given} is not a PEM public key: ${error instanceof Error ? error.message : String(error)}`);
  }
  const algorithms = algorithmsOf(key);
  return { key, algorithms, description: `${inline ? "a public key" : `the public key in ${given}`} (${algorithms.join(" or ")})` };
};

const jwksOf = async (path: string): Promise<TokenKeys> => {
  const text = await readText(path, "JWKS file");
  let key: JWTVerifyGetKey;
  try {
    const jwks = JSON.parse(text) as JSONWebKeySet;
    key = createLocalJWKSet(jwks);
    if (jwks.keys.length === 0) throw new Error("it holds no keys");
  } catch (error) {
    throw new TokenKeyError(`${path} is not a JWKS: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { key, algorithms: ACCEPTED_ALGORITHMS, description: `the key set in ${path} (${ACCEPTED_ALGORITHMS.join(", ")})` };
};

/** Loads the keys from where the configuration says; a {@link TokenKeyError} if they cannot be used. */
export const loadTokenKeys = (source: TokenKeySource): Promise<TokenKeys> =>
  "publicKey" in source ? publicKeyOf(source.publicKey) : jwksOf(source.jwksFile);
