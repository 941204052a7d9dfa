import { usageError } from "../cliError.js";

/** Which adapter a store URL names. */
export type StoreKind = "postgres" | "pglite" | "esdb" | "memory";

/** A store URL, checked and classified. */
export interface StoreUrl {
  /** Which adapter opens it. */
  readonly kind: StoreKind;
  /** The URL as given, password included. */
  readonly url: string;
  /** The URL as it may be printed: any password replaced by `***`. */
  readonly display: string;
}

/** The store URLs the command takes, as one phrase for help and error messages. */
export const STORE_URL_FORMS = "postgres://…, pglite:DIR, pglite:memory or esdb://…";

/** The URL with the password of `user:password@` hidden, for messages and logs. */
export const redactUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");

/**
 * Classifies a store URL by its scheme. An unknown scheme is a usage error: the command line is
 * wrong, not the store.
 */
export const parseStoreUrl = (url: string): StoreUrl => {
  const display = redactUrl(url);
  const lower = url.toLowerCase();
  if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) return { kind: "postgres", url, display };
  if (lower.startsWith("pglite:")) {
    if (url.slice("pglite:".length).trim() === "") throw usageError(`store URL "${display}" names no directory: use pglite:DIR or pglite:memory`);
    return { kind: "pglite", url, display };
  }
  if (lower.startsWith("esdb://") || lower.startsWith("esdb+discover://")) return { kind: "esdb", url, display };
  if (lower === "memory:" || lower === "memory") return { kind: "memory", url, display };
  throw usageError(`unknown store URL "${display}": expected ${STORE_URL_FORMS}`);
};
