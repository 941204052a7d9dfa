import { describeReadModelTables } from "./readModelTables.testkit.js";

// The read models' tables on the server named by GRANTLEDGER_PG_URL (PGlite without it), in scratch schemas dropped afterwards.
describeReadModelTables("server");
