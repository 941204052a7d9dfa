/** A row as a driver returns it: column name to value, decoded by the caller (see `sqlRows.ts`). */
export type SqlRow = Readonly<Record<string, unknown>>;

/** Something that runs SQL: the whole driver (a pooled connection per call) or one transaction. */
export interface SqlExecutor {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query(sql: string, params?: readonly unknown[]): Promise<readonly SqlRow[]>;
  /** Runs several statements without parameters (a migration), in the executor's transaction if any. */
  script(sql: string): Promise<void>;
}

/** A LISTEN in progress; `close` stops it and releases its connection. */
export interface NotificationListener {
  /** Stops listening and releases the connection. */
  close(): Promise<void>;
}

/**
 * A connection of its own that holds session-level advisory locks: the server releases them when
 * the connection ends, which is what makes a dead process's lock pass to a standby.
 */
export interface LockSession {
  /** Takes the exclusive lock `key` if no other session holds it; never waits. */
  tryLock(key: AdvisoryLockKey): Promise<boolean>;
  /** Releases `key` if this session holds it. */
  unlock(key: AdvisoryLockKey): Promise<void>;
  /**
   * Whether this session still holds `key`, asked through `via` (a transaction on another
   * connection): a write that checks this inside its transaction commits only while the lock is ours.
   */
  holds(key: AdvisoryLockKey, via: SqlExecutor): Promise<boolean>;
  /** Settles when the connection is lost (the locks with it); never rejects. */
  readonly lost: Promise<void>;
  /** Releases every lock and the connection. */
  close(): Promise<void>;
}

/** The two 32-bit integers of a PostgreSQL advisory lock: a class of lock and an object in it. */
export type AdvisoryLockKey = readonly [classId: number, objectId: number];

/**
 * The little the store needs from a PostgreSQL client, so that one SQL implementation runs on a
 * server (`pg`) and embedded (PGlite). Methods reject with the driver's own errors; the store
 * turns them into typed results (see `sqlErrors.ts`).
 */
export interface SqlDriver extends SqlExecutor {
  /** Which client it wraps: `pg` for a server, `pglite` for an embedded database. */
  readonly kind: "pg" | "pglite";
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it rejects. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of each NOTIFY on `channel` (a lower-case identifier), and
   * `onLost` once if the connection carrying the LISTEN ends.
   */
  listen(channel: string, onNotify: (payload: string) => void, onLost: () => void): Promise<NotificationListener>;
  /** A dedicated connection for session-level advisory locks. */
  openLockSession(): Promise<LockSession>;
  /** Ends every connection the driver opened (not a PGlite instance it was lent). */
  close(): Promise<void>;
}
