import { execFileSync } from "node:child_process";
import { appendFileSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** Where PostgreSQL's server binaries are: `GRANTLEDGER_PG_BIN`, else Debian's PostgreSQL 15. */
export const PG_BIN = process.env["GRANTLEDGER_PG_BIN"] ?? "/usr/lib/postgresql/15/bin";

/** A primary and a streaming replica of it, each a `postgres` process on its own port. */
export interface ReplicaPair {
  /** The primary's URL (database `postgres`, trust auth). */
  readonly primaryUrl: string;
  /** The hot standby's URL: read-only, kept up by streaming replication. */
  readonly replicaUrl: string;
  /** Stops replay on the replica (`pg_wal_replay_pause`): it lags from now on. */
  pauseReplay(): void;
  /** Lets the replica replay again and catch up. */
  resumeReplay(): void;
  /** Stops both servers and removes their data. */
  stop(): void;
}

// initdb and postgres refuse to run as root: as root, run them as the `postgres` user.
const asServerUser = (command: string, args: readonly string[]): void => {
  const root = userInfo().uid === 0;
  execFileSync(root ? "runuser" : command, root ? ["-u", "postgres", "--", command, ...args] : [...args], { stdio: "pipe" });
};

const psql = (port: number, sql: string): string =>
  execFileSync("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-Atc", sql], { encoding: "utf8" }).trim();

/**
 * Starts a fresh primary (initdb, WAL for replicas) and a replica made with `pg_basebackup -R`,
 * on ports `basePort` and `basePort + 1`, in a temporary folder. Seconds, not minutes: both are
 * empty clusters with fsync off.
 */
export const startReplicaPair = (basePort: number): ReplicaPair => {
  const dir = mkdtempSync(join(tmpdir(), "grantledger-replica-"));
  if (userInfo().uid === 0) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()), 0);
  const primary = join(dir, "primary");
  const replica = join(dir, "replica");
  const [primaryPort, replicaPort] = [basePort, basePort + 1];
  const started: string[] = [];
  const stop = (): void => {
    for (const data of started.reverse()) {
      try {
        asServerUser(join(PG_BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped: nothing to do.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asServerUser(join(PG_BIN, "initdb"), ["-D", primary, "-U", "postgres", "-A", "trust"]);
    appendFileSync(
      join(primary, "postgresql.conf"),
      `\nport = ${primaryPort}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\n`,
    );
    appendFileSync(join(primary, "pg_hba.conf"), "\nhost replication postgres 127.0.0.1/32 trust\n");
    asServerUser(join(PG_BIN, "pg_ctl"), ["-D", primary, "-l", join(dir, "primary.log"), "-w", "start"]);
    started.push(primary);
    asServerUser(join(PG_BIN, "pg_basebackup"), ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replica, "-R", "-X", "stream"]);
    appendFileSync(join(replica, "postgresql.conf"), `\nport = ${replicaPort}\n`);
    asServerUser(join(PG_BIN, "pg_ctl"), ["-D", replica, "-l", join(dir, "replica.log"), "-w", "start"]);
    started.push(replica);
    if (psql(replicaPort, "SELECT pg_is_in_recovery()") !== "t") throw new Error("the replica is not in recovery: not a standby");
  } catch (error) {
    stop();
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    pauseReplay: () => void psql(replicaPort, "SELECT pg_wal_replay_pause()"),
    resumeReplay: () => void psql(replicaPort, "SELECT pg_wal_replay_resume()"),
    stop,
  };
};
