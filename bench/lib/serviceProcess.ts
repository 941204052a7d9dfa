import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVICE = fileURLToPath(new URL("../../examples/grants-service/main.ts", import.meta.url));

/** The example service in a process of its own, listening on a free port. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>`, as the service printed it. */
  readonly url: string;
  /** Stops the process and waits for its exit. */
  stop(): Promise<void>;
}

/**
 * Starts `pnpm service` on `storeUrl` and a free port (development mode on 127.0.0.1), with this
 * process's loader flags, and resolves once it prints the line it listens on.
 */
export const startServiceProcess = (storeUrl: string): Promise<ServiceProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SERVICE, "--store", storeUrl, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1] !== undefined) {
        resolve({
          child,
          url: match[1],
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    child.stderr?.on("data", (data: Buffer) => (output += data.toString()));
    child.once("exit", (code) => reject(new Error(`the service exited (${code}) before listening: ${output}`)));
  });
