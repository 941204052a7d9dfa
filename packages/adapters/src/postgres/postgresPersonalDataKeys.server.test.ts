import { describePersonalDataKeys } from "./personalDataKeys.testkit.js";

// The key store of personal data on the server named by GRANTLEDGER_PG_URL (PGlite without it).
describePersonalDataKeys("server");
