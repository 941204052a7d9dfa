import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { createPostgresEventStore } from "@grantledger/adapters/postgres";
import { afterEach, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";
import { AUDIENCE, createTestIdentityProvider, ISSUER } from "./tokens.testkit.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

type Child = ChildProcessByStdio<null, Readable, Readable>;

/** `main.ts` as `pnpm service` runs it (minus pnpm), from the repository root, with `settings` added to the environment. */
const startMain = (args: readonly string[], settings: Readonly<Record<string, string>> = {}): Child => {
  // The caller's own settings must not leak into the test.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !["GRANTLEDGER_STORE_URL", "PORT", "HOST"].includes(name) && !name.startsWith("GRANTLEDGER_AUTH")),
  );
  return spawn(process.execPath, ["--import", "tsx", "--conditions=@grantledger/source", "examples/grants-service/main.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...env, ...settings },
    stdio: ["ignore", "pipe", "pipe"],
  });
};

const output = (stream: Readable): { text: () => string } => {
  let text = "";
  stream.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
  return { text: () => text };
};

const exited = (child: Child): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

/** The URL from the `listening on …` line once main has printed it, and what it printed before. */
const listening = (child: Child, stderr: () => string): Promise<{ url: string; log: string }> =>
  new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      seen += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1] !== undefined) resolve({ url: match[1], log: seen });
    });
    child.once("exit", (code) => reject(new Error(`main exited with ${code} before listening: ${stderr()}`)));
  });
const listeningUrl = async (child: Child, stderr: () => string): Promise<string> => (await listening(child, stderr)).url;

describe("main.ts, started as a process", () => {
  let child: Child | undefined;
  afterEach(() => {
    if (child !== undefined && child.exitCode === null) child.kill("SIGKILL");
  });

  it("listens on the port it prints, serves, and stops cleanly on SIGTERM", async () => {
    child = startMain(["--port", "0"]);
    const stderr = output(child.stderr);
    const url = await listeningUrl(child, stderr.text);

    const opened = await fetch(`${url}/rounds`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-actor": "ops@difi.no" },
      body: JSON.stringify(request.openRound()),
    });
    expect(opened.status).toBe(201);
    const rounds = (await (await fetch(`${url}/rounds`)).json()) as { rounds: { roundId: string; remaining: number }[] };
    expect(rounds.rounds).toMatchObject([{ roundId: "krise-2009-1", remaining: 2_000_000_000 }]);

    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    expect(stderr.text()).toBe("");
  });

  it("on PostgreSQL keeps its read models in the store's database, and a restart reads them from there", async () => {
    const serverUrl = process.env["GRANTLEDGER_PG_URL"] || "postgres://postgres@127.0.0.1:5432/test";
    const schema = `gl_test_service_${Math.random().toString(36).slice(2, 10)}`;
    const storeUrl = `${serverUrl}${serverUrl.includes("?") ? "&" : "?"}schema=${schema}`;
    const inspector = await createPostgresEventStore({ url: serverUrl, schema, migrate: true })();
    if (E.isLeft(inspector)) throw new Error(`cannot open the test server: ${JSON.stringify(inspector.left)}`);
    try {
      child = startMain(["--port", "0", "--store", storeUrl]);
      let url = await listeningUrl(child, output(child.stderr).text);
      expect((await fetch(`${url}/rounds`, { method: "POST", headers: { "content-type": "application/json", "x-actor": "ops@difi.no" }, body: JSON.stringify(request.openRound()) })).status).toBe(201);
      expect((await fetch(`${url}/grants`, { method: "POST", headers: { "content-type": "application/json", "x-actor": "ops@difi.no" }, body: JSON.stringify(request.apply()) })).status).toBe(201);
      expect(((await (await fetch(`${url}/grants`)).json()) as { grants: unknown[] }).grants).toHaveLength(1);
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);

      // Saved as they followed the store: each read model kept as rows at the last event.
      const saved = await inspector.right.driver.query(`SELECT name, checkpoint FROM ${schema}.read_models ORDER BY name`);
      expect(saved.map((row) => String(row["name"]))).toEqual(["grant-register", "municipality-totals", "round-budget"]);
      const head = await inspector.right.driver.query(`SELECT max(position) AS head FROM ${schema}.events`);
      for (const row of saved) expect(String(row["checkpoint"])).toBe(String(head[0]?.["head"]));
      expect(await inspector.right.driver.query(`SELECT grant_id, status FROM ${schema}.grant_register`)).toEqual([{ grant_id: "ebygg", status: "applied" }]);

      child = startMain(["--port", "0", "--store", storeUrl]);
      url = await listeningUrl(child, output(child.stderr).text);
      expect(((await (await fetch(`${url}/grants/ebygg`)).json()) as { status: string }).status).toBe("applied");
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);
    } finally {
      await inspector.right.driver.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await inspector.right.close();
    }
  });

  it("exits with 2 and the usage on a bad command line", async () => {
    child = startMain(["--port", "http"]);
    const stderr = output(child.stderr);
    expect(await exited(child)).toBe(2);
    expect(stderr.text()).toContain('"http" is not a port (0-65535)');
    expect(stderr.text()).toContain("usage: pnpm service");
  });

  it("says loudly that it runs in development mode when started with no token settings", async () => {
    child = startMain(["--port", "0"]);
    const { log } = await listening(child, output(child.stderr).text);
    expect(log).toContain("WARNING: DEVELOPMENT MODE (--auth dev): NO AUTHENTICATION. X-Actor is trusted as sent");
  });

  it("with a public key, issuer and audience from the environment, lets in only a valid token's caller", async () => {
    const idp = await createTestIdentityProvider();
    child = startMain(["--port", "0"], { GRANTLEDGER_AUTH_PUBLIC_KEY: idp.publicKeyPem, GRANTLEDGER_AUTH_ISSUER: ISSUER, GRANTLEDGER_AUTH_AUDIENCE: AUDIENCE });
    const stderr = output(child.stderr);
    const { url, log } = await listening(child, stderr.text);
    expect(log).toContain(`bearer tokens required: iss ${ISSUER}, aud ${AUDIENCE}, verified with a public key (EdDSA or Ed25519), clock tolerance 30 s`);
    expect(log).not.toContain("DEVELOPMENT MODE");

    const open = (headers: Record<string, string>) =>
      fetch(`${url}/rounds`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(request.openRound()) });
    const refused = await open({ "x-actor": "ops@difi.no" });
    expect([refused.status, refused.headers.get("www-authenticate")]).toEqual([401, 'Bearer realm="grants-service"']);
    expect((await open({ authorization: await idp.sign({ sub: "leder@difi.no", roles: ["approver"] }) })).status).toBe(201);
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    expect(stderr.text()).toBe("");
  });

  it("refuses to listen beyond loopback without tokens (2), and keys it cannot read (1)", async () => {
    child = startMain(["--port", "0", "--host", "0.0.0.0"]);
    const stderr = output(child.stderr);
    expect(await exited(child)).toBe(2);
    expect(stderr.text()).toContain("on 0.0.0.0 the service needs bearer tokens");

    child = startMain(["--port", "0", "--auth-public-key", "/nonexistent/idp.pem", "--auth-issuer", ISSUER, "--auth-audience", AUDIENCE]);
    const keyError = output(child.stderr);
    expect(await exited(child)).toBe(1);
    expect(keyError.text()).toMatch(/^grants-service: the token keys cannot be used: cannot read the public key file \/nonexistent\/idp\.pem: .*\n$/);
  });
});
