import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: the CLI runs from there, as `pnpm grantledger` does. */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** What a run of the command gave: its exit code and everything it wrote. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `grantledger <args>` as a user does: a child process of node with tsx and the source
 * condition (what `pnpm grantledger` runs, minus pnpm's own start-up), from the repository root.
 * stdout and stderr are pipes, not a terminal, so no progress bar is drawn.
 */
export const runGrantledger = (args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    // The caller's own store setting must not leak into a test.
    const { GRANTLEDGER_STORE: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@grantledger/source", "packages/cli/src/main.ts", ...args], {
      cwd: REPO_ROOT,
      env: { ...inherited, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
