import { describePersonalDataKeys } from "./personalDataKeys.testkit.js";

// The key store of personal data on embedded PostgreSQL.
describePersonalDataKeys("pglite");
