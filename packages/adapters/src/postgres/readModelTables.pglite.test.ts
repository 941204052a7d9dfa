import { describeReadModelTables } from "./readModelTables.testkit.js";

// The read models' tables on embedded PostgreSQL.
describeReadModelTables("pglite");
