import type { GrantLedgerOptions } from "../handler/grantLedger.js";

/**
 * The historical mode for tests and examples that replay records dated in the past (the 2009
 * crisis package, the 2018 co-financing round): `createGrantLedger({ store, historical:
 * HISTORICAL_FIXTURES })`. Their applications are then checked against their own `appliedAt`
 * rather than today's clock, and every event says so in its metadata.
 */
export const HISTORICAL_FIXTURES: NonNullable<GrantLedgerOptions["historical"]> = { reason: "records dated 2009-2018, replayed by grantledger's tests and examples" };
