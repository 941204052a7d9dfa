import { describeBulkImportCases } from "./bulkImportCases.testkit.js";
import { TestDatabase } from "./testDatabase.testkit.js";

// The bulk import's contract on embedded PostgreSQL, one PGlite instance for the file.
describeBulkImportCases("PGlite", () => TestDatabase.open("pglite"));
