import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import * as request from "./requests.testkit.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

type Child = ChildProcessByStdio<null, Readable, Readable>;

/** `main.ts` as `pnpm service` runs it (minus pnpm), from the repository root. */
const startMain = (args: readonly string[]): Child => {
  // The caller's own settings must not leak into the test.
  const { GRANTLEDGER_STORE_URL: _store, PORT: _port, HOST: _host, ...env } = process.env;
  return spawn(process.execPath, ["--import", "tsx", "--conditions=@grantledger/source", "examples/grants-service/main.ts", ...args], {
    cwd: REPO_ROOT,
    env,
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

/** The URL from the `listening on …` line, once main has printed it. */
const listeningUrl = (child: Child, stderr: () => string): Promise<string> =>
  new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      seen += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`main exited with ${code} before listening: ${stderr()}`)));
  });

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

  it("exits with 2 and the usage on a bad command line", async () => {
    child = startMain(["--port", "http"]);
    const stderr = output(child.stderr);
    expect(await exited(child)).toBe(2);
    expect(stderr.text()).toContain('"http" is not a port (0-65535)');
    expect(stderr.text()).toContain("usage: pnpm service");
  });
});
