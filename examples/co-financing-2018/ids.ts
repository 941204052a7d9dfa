import { v5 as uuidv5 } from "uuid";

/**
 * The example's UUID v5 namespace. Command ids derive from it and a readable step key, and the
 * ledger derives event ids from command ids, so every run records the very same events.
 */
export const CO_FINANCING_NAMESPACE = "5b0f3c1e-7d2a-4f5e-9c61-2018c0f1a4ce";

/** The 2018 round of Difi's co-financing scheme (medfinansieringsordningen). */
export const ROUND_ID = "medfinansiering-2018";

/** The command id for a readable step key such as `apply/nav-sykefravaer`. */
export const commandIdFor = (stepKey: string): string => uuidv5(`${ROUND_ID}/${stepKey}`, CO_FINANCING_NAMESPACE);

/** A grant's id, readable so that its stream name (`grant-medfinansiering-2018-nav-sykefravaer`) says what it holds. */
export const grantIdFor = (projectKey: string): string => `${ROUND_ID}-${projectKey}`;
