import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { AdvisoryLockKey, LockSession, SqlDriver, SqlExecutor, SqlRow } from "./sqlDriver.js";

/** Where an embedded database lives: in memory, in a folder, or an instance the caller owns. */
export type PgliteSource =
  | {
      /** A database in memory, gone when closed. */
      readonly kind: "memory";
    }
  | {
      /** A database kept in a folder on disk. */
      readonly kind: "directory";
      /** The folder its files are kept in. */
      readonly directory: string;
    }
  | {
      /** An open PGlite instance, lent: the store never closes it. */
      readonly kind: "instance";
      /** The instance. */
      readonly db: PGlite;
    };

// PGlite is one connection, so a session-level advisory lock taken twice in one process is granted
// twice. Which locks are held is therefore kept here, per instance; no other process can open the
// same database while this one has it open, so this is the whole picture.
const heldLocks = new WeakMap<PGlite, Set<string>>();

/**
 * A {@link SqlDriver} over PGlite (PostgreSQL in WebAssembly, in this process). PGlite runs one
 * statement or transaction at a time, so concurrent callers queue; everything else, SQL included,
 * is the same as on a server. PGlite is imported here, on first use, so a server user needs none.
 */
export const openPgliteDriver = async (source: PgliteSource): Promise<SqlDriver> => {
  let db: PGlite;
  if (source.kind === "instance") db = source.db;
  else {
    const { PGlite: create } = await import("@electric-sql/pglite");
    db = source.kind === "memory" ? await create.create() : await create.create(source.directory);
  }
  const locks = heldLocks.get(db) ?? new Set<string>();
  heldLocks.set(db, locks);
  const sessions = new Set<() => void>();

  return {
    kind: "pglite",
    ...executorOf(db),
    transaction: (work) => db.transaction((tx) => work(executorOf(tx))),
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, onNotify);
      // In-process: the "connection" cannot be lost while the instance is open, so onLost never fires.
      return { close: () => (db.closed ? Promise.resolve() : unlisten()) };
    },
    openLockSession: (): Promise<LockSession> => {
      const mine = new Set<string>();
      let markLost = (): void => undefined;
      const lost = new Promise<void>((resolve) => (markLost = resolve));
      const end = (): void => {
        for (const key of mine) locks.delete(key);
        mine.clear();
        sessions.delete(end);
        markLost();
      };
      sessions.add(end);
      return Promise.resolve({
        tryLock: (key: AdvisoryLockKey) => {
          const name = key.join(":");
          if (locks.has(name)) return Promise.resolve(mine.has(name));
          locks.add(name);
          mine.add(name);
          return Promise.resolve(true);
        },
        unlock: (key: AdvisoryLockKey) => {
          const name = key.join(":");
          if (mine.delete(name)) locks.delete(name);
          return Promise.resolve();
        },
        holds: (key: AdvisoryLockKey) => Promise.resolve(mine.has(key.join(":"))),
        lost,
        close: () => {
          end();
          return Promise.resolve();
        },
      });
    },
    close: async () => {
      for (const end of [...sessions]) end();
      if (source.kind !== "instance" && !db.closed) await db.close();
    },
  };
};

const executorOf = (db: PGlite | Transaction): SqlExecutor => ({
  query: async (sql, params) => (await db.query<SqlRow>(sql, params === undefined ? [] : [...params])).rows,
  script: async (sql) => {
    await db.exec(sql);
  },
});
