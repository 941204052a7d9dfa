import type { Client, ClientBase, ClientConfig } from "pg";
import { quoteIdentifier } from "./sqlNames.js";
import type { AdvisoryLockKey, LockSession, NotificationListener, SqlDriver, SqlExecutor, SqlRow } from "./sqlDriver.js";

/** How {@link openPgDriver} reaches a PostgreSQL server. */
export interface PgDriverOptions {
  readonly connectionString: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  /** Server-side limit per statement; 0 turns it off. */
  readonly statementTimeoutMs: number;
  /** The name its sessions show in `pg_stat_activity`. */
  readonly applicationName?: string;
}

/**
 * A {@link SqlDriver} over a `pg` pool. `pg` is imported here, on first use, so that a user of the
 * embedded store never needs it installed. LISTEN and advisory-lock sessions get clients of their
 * own, outside the pool: they hold their connection for long, and the pool must not lend it out.
 */
export const openPgDriver = async (options: PgDriverOptions): Promise<SqlDriver> => {
  const { default: pg } = await import("pg");
  const clientConfig: ClientConfig = {
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // Probes after 10 s of silence (the OS default is two hours), so that a LISTEN or lock
    // connection to a server that vanished without a word is found dead in bounded time.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: options.applicationName ?? "grantledger",
  };
  const timeouts =
    options.statementTimeoutMs > 0
      ? // The client-side limit catches a server that stopped answering altogether.
        { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + 2_000 }
      : {};
  const pool = new pg.Pool({ ...clientConfig, ...timeouts, max: options.poolSize, idleTimeoutMillis: 10_000 });
  // An idle pooled connection that dies (a restart, pg_terminate_backend) is reported here, and an
  // unhandled 'error' would end the process. The pool drops that client; the next query opens another.
  pool.on("error", () => undefined);
  const dedicated = new Set<Client>();

  const connectDedicated = async (onLost: () => void): Promise<Client> => {
    const client = new pg.Client(clientConfig);
    let connected = false;
    const lose = (): void => {
      if (connected && dedicated.delete(client)) onLost();
    };
    client.on("error", lose);
    client.on("end", lose);
    await client.connect();
    connected = true;
    dedicated.add(client);
    return client;
  };
  const endDedicated = async (client: Client): Promise<void> => {
    dedicated.delete(client);
    await client.end().catch(() => undefined);
  };

  return {
    kind: "pg",
    ...executorOf(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(executorOf(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection itself is gone: destroy it rather than pool it.
        await client.query("ROLLBACK").catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    listen: async (channel, onNotify, onLost): Promise<NotificationListener> => {
      const client = await connectDedicated(onLost);
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify(message.payload ?? "");
      });
      try {
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      } catch (error) {
        await endDedicated(client);
        throw error;
      }
      return { close: () => endDedicated(client) };
    },
    openLockSession: async (): Promise<LockSession> => {
      let markLost = (): void => undefined;
      const lost = new Promise<void>((resolve) => (markLost = resolve));
      const client = await connectDedicated(() => markLost());
      const run = (sql: string, [classId, objectId]: AdvisoryLockKey) => client.query<SqlRow>(sql, [classId, objectId]);
      const pid = (await client.query<SqlRow>("SELECT pg_backend_pid() AS pid")).rows[0]?.["pid"];
      return {
        // pg_locks shows the two int4 halves of the key as unsigned oids, and objsubid 2 for this form.
        holds: async ([classId, objectId], via) =>
          (
            await via.query(
              `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid
                AND objsubid = 2 AND pid = $3 AND granted`,
              [classId >>> 0, objectId >>> 0, pid],
            )
          ).length === 1,
        tryLock: async (key) => (await run("SELECT pg_try_advisory_lock($1, $2) AS locked", key)).rows[0]?.["locked"] === true,
        unlock: async (key) => {
          await run("SELECT pg_advisory_unlock($1, $2)", key);
        },
        lost,
        close: async () => {
          await endDedicated(client);
          markLost();
        },
      };
    },
    close: async () => {
      await Promise.all([...dedicated].map(endDedicated));
      await pool.end();
    },
  };
};

/**
 * Every statement is prepared under a name, once per connection, so that the server parses and
 * plans it once rather than at every call (about 7 % of an append, measured on a local server).
 * The store sends a handful of distinct texts per schema, so the map stays small.
 */
const statementNames = new Map<string, string>();

const statementName = (sql: string): string => {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `grantledger_${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
};

const executorOf = (client: Pick<ClientBase, "query">): SqlExecutor => ({
  query: async (sql, params) =>
    (await client.query<SqlRow>({ name: statementName(sql), text: sql, values: params === undefined ? [] : [...params] })).rows,
  // Without parameters pg uses the simple protocol, which runs several statements in one call.
  script: async (sql) => {
    await client.query(sql);
  },
});
