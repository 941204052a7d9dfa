import { describeBulkImportCases } from "./bulkImportCases.testkit.js";
import { serverUrl, TestDatabase } from "./testDatabase.testkit.js";

// The bulk import's contract on the server of GRANTLEDGER_PG_URL (PGlite without it), in scratch schemas dropped afterwards.
describeBulkImportCases(serverUrl === undefined ? "PGlite (no GRANTLEDGER_PG_URL)" : "the server", () => TestDatabase.open("server"));
