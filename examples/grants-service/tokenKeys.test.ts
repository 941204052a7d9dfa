import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { base64url, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTokenKeys, TokenKeyError } from "./tokenKeys.js";
import { createTokenVerifier, type TokenVerifier } from "./tokenVerifier.js";

const POLICY = { issuer: "https://idp.example", audience: "grants-service", clockToleranceSeconds: 30, maxSubjectLength: 200 };

const spki = (key: { export(options: { type: "spki"; format: "pem" }): string | Buffer }): string => String(key.export({ type: "spki", format: "pem" }));

const signed = (key: CryptoKey | Parameters<SignJWT["sign"]>[0], alg: string, kid?: string, subject = "utbetaling@difi.no") =>
  new SignJWT({ roles: ["payer"] })
    .setProtectedHeader({ alg, ...(kid === undefined ? {} : { kid }) })
    .setSubject(subject)
    .setIssuer(POLICY.issuer)
    .setAudience(POLICY.audience)
    .setExpirationTime("10m")
    .sign(key);

const verifierOf = async (source: Parameters<typeof loadTokenKeys>[0]): Promise<TokenVerifier> => createTokenVerifier(await loadTokenKeys(source), POLICY);

describe("token keys from configuration", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "grants-keys-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("takes a PEM public key inline or from its file, with the algorithm of its own type only", async () => {
    const ed = generateKeyPairSync("ed25519");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    await writeFile(join(dir, "rsa.pem"), spki(rsa.publicKey));
    expect((await loadTokenKeys({ publicKey: spki(ed.publicKey) })).algorithms).toEqual(["EdDSA", "Ed25519"]);
    expect((await loadTokenKeys({ publicKey: join(dir, "rsa.pem") })).algorithms).toEqual(["RS256"]);
    expect((await loadTokenKeys({ publicKey: spki(ec.publicKey) })).algorithms).toEqual(["ES256"]);

    const verify = await verifierOf({ publicKey: join(dir, "rsa.pem") });
    expect(await verify(await signed(rsa.privateKey, "RS256"))).toMatchObject({ right: { subject: "utbetaling@difi.no", roles: new Set(["payer"]) } });
    // The same key under another algorithm (PS256) is not accepted: only RS256 for an RSA key.
    expect(await verify(await signed(rsa.privateKey, "PS256"))).toEqual({ _tag: "Left", left: { _tag: "InvalidToken", reason: "it is signed with an algorithm the service does not accept" } });
  });

  it("refuses an HMAC token made with the public key as its secret, and an unsigned one", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = spki(rsa.publicKey);
    const verify = await verifierOf({ publicKey: pem });
    const confused = await signed(new TextEncoder().encode(pem), "HS256");
    expect(await verify(confused)).toMatchObject({ left: { _tag: "InvalidToken" } });
    const unsigned = new UnsecuredJWT({ roles: ["approver"] }).setSubject("x").setIssuer(POLICY.issuer).setAudience(POLICY.audience).setExpirationTime("10m").encode();
    expect(await verify(unsigned)).toMatchObject({ left: { _tag: "InvalidToken" } });
  });

  it("refuses keys too weak or of another kind, and text that is no key, naming why", async () => {
    const weak = generateKeyPairSync("rsa", { modulusLength: 1024 });
    await expect(loadTokenKeys({ publicKey: spki(weak.publicKey) })).rejects.toThrow(new TokenKeyError("the RSA public key has 1024 bits; at least 2048 are needed"));
    const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" });
    await expect(loadTokenKeys({ publicKey: spki(p384.publicKey) })).rejects.toThrow(new TokenKeyError("the public key is on curve secp384r1; only P-256 (ES256) is accepted"));
    await writeFile(join(dir, "junk.pem"), "not a key");
    await expect(loadTokenKeys({ publicKey: join(dir, "junk.pem") })).rejects.toThrow(TokenKeyError);
    await expect(loadTokenKeys({ publicKey: join(dir, "missing.pem") })).rejects.toThrow(/cannot read the public key file .*missing\.pem/);
    await expect(loadTokenKeys({ jwksFile: join(dir, "junk.pem") })).rejects.toThrow(/junk\.pem is not a JWKS/);
  });

  it("takes a JWKS file, picking the key by the token's kid", async () => {
    const current = await generateKeyPair("ES256", { extractable: true });
    const next = await generateKeyPair("EdDSA", { extractable: true });
    const keys = [
      { ...(await exportJWK(current.publicKey)), kid: "2026-1", alg: "ES256", use: "sig" },
      { ...(await exportJWK(next.publicKey)), kid: "2026-2", alg: "EdDSA", use: "sig" },
    ];
    await writeFile(join(dir, "jwks.json"), JSON.stringify({ keys }));
    const verify = await verifierOf({ jwksFile: join(dir, "jwks.json") });
    expect(await verify(await signed(current.privateKey, "ES256", "2026-1"))).toMatchObject({ _tag: "Right" });
    expect(await verify(await signed(next.privateKey, "EdDSA", "2026-2"))).toMatchObject({ _tag: "Right" });
    const stranger = await generateKeyPair("ES256");
    expect(await verify(await signed(stranger.privateKey, "ES256", "2026-9"))).toEqual({ _tag: "Left", left: { _tag: "InvalidToken", reason: "no key of the service's key set matches it" } });
    expect(await verify(await signed(stranger.privateKey, "ES256", "2026-1"))).toMatchObject({ left: { reason: "its signature does not verify with the service's key" } });
    await writeFile(join(dir, "empty.json"), JSON.stringify({ keys: [] }));
    await expect(loadTokenKeys({ jwksFile: join(dir, "empty.json") })).rejects.toThrow(/it holds no keys/);
  });

  it("refuses a token without exp or sub, a subject longer than the actor limit, and a token not valid yet", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const verify = await verifierOf({ publicKey: spki(publicKey) });
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: "EdDSA" }).setSubject("a").setIssuer(POLICY.issuer).setAudience(POLICY.audience).sign(privateKey);
    expect(await verify(noExp)).toMatchObject({ left: { reason: 'it has no "exp" claim' } });
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: "EdDSA" }).setIssuer(POLICY.issuer).setAudience(POLICY.audience).setExpirationTime("1m").sign(privateKey);
    expect(await verify(noSub)).toMatchObject({ left: { reason: 'it has no "sub" claim' } });
    const long = await signed(privateKey, "EdDSA", undefined, "a".repeat(201));
    expect(await verify(long)).toMatchObject({ left: { reason: 'its "sub" claim is longer than 200 characters' } });
    const later = await new SignJWT({}).setProtectedHeader({ alg: "EdDSA" }).setSubject("a").setIssuer(POLICY.issuer).setAudience(POLICY.audience)
      .setNotBefore("5m").setExpirationTime("10m").sign(privateKey);
    expect(await verify(later)).toMatchObject({ left: { reason: "it is not valid yet" } });
    // A token whose header is not JSON at all.
    expect(await verify(`${base64url.encode("{")}.e30.c2ln`)).toMatchObject({ left: { reason: "it is not a well-formed signed JWT" } });
  });
});
