import { v5 as uuidv5 } from "uuid";

/**
 * The demo's UUID v5 namespace. Command ids derive from it and a readable key, so every run
 * gives every command the same id — and, since the ledger derives event ids from command ids,
 * every event too. Running the seed twice against one store appends nothing the second time.
 */
export const DEMO_NAMESPACE = "ad6c2d01-a124-4dbf-b348-fdde175f3da8";

/** Round 1 of the 2009 crisis package. */
export const ROUND_ID = "krisepakken-2009-1";
/** Round 2, in September, with the remaining 40 MNOK and what round 1 carried over. */
export const ROUND_2_ID = "krisepakken-2009-2";
/** The scheme both rounds belong to. */
export const SCHEME_ID = "krisepakken-2009";

/** The command id for a readable step key such as `apply/ebygg`. */
export const commandIdFor = (stepKey: string): string => uuidv5(`${ROUND_ID}/${stepKey}`, DEMO_NAMESPACE);

/** A grant's id: readable, so the stream names (`grant-krisepakken-2009-1-ebygg`) say what they hold. */
export const grantIdFor = (projectKey: string): string => `${ROUND_ID}-${projectKey}`;

/** The 2009 round is history: it is loaded in the ledger's historical mode, and every event says so. */
export const DEMO_HISTORY = { reason: "Difi's 2009 crisis-package rounds, rebuilt from the announcement (illustrative detail)" };
