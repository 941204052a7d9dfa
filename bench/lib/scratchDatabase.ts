import { randomBytes } from "node:crypto";
import pg from "pg";

/** A database made for one measurement, and how to get rid of it. */
export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

const withAdmin = async <A>(adminUrl: string, work: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * Creates an empty database on the server of `adminUrl` (the user must be allowed to create
 * databases), so each side starts from nothing and neither finds the other's tables or caches.
 *
 * Commits in it do not wait for the WAL flush (`synchronous_commit = off`; a crash may lose the
 * last moments, never consistency). With the flush, every single-event append on this machine
 * waits some 6 ms for the disk, whichever store sends it: 100 000 appends would take ten minutes
 * a side and measure the disk, not the stores. Both sides get the same setting.
 */
export const createScratchDatabase = async (adminUrl: string, label: string): Promise<ScratchDatabase> => {
  const name = `bench_${label}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
    await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin(adminUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
};

/** Whether the server answers at all, so a missing one is reported once, not as a crash. */
export const serverProblem = async (adminUrl: string): Promise<string | undefined> => {
  try {
    await withAdmin(adminUrl, (client) => client.query("SELECT 1"));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/**
 * The server a PostgreSQL workload runs on (`GRANTLEDGER_PG_URL`, a user that may create
 * databases), or why it cannot run: the variable is unset or the server does not answer. The
 * reason is logged once here; the workload reports its rows as skipped with it.
 */
export const postgresAdminUrl = async (log: (line: string) => void): Promise<{ readonly url: string } | { readonly skipped: string }> => {
  const url = process.env["GRANTLEDGER_PG_URL"];
  if (url === undefined || url === "") {
    log("  skipped: this workload needs GRANTLEDGER_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/test (a user that may create databases)");
    return { skipped: "skipped: GRANTLEDGER_PG_URL is not set" };
  }
  const problem = await serverProblem(url);
  if (problem === undefined) return { url };
  log(`  skipped: the server of GRANTLEDGER_PG_URL does not answer (${problem})`);
  return { skipped: `skipped: the server did not answer (${problem})` };
};
