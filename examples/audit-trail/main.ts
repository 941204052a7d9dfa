import { auditTrail } from "./auditTrail.js";

for (const line of await auditTrail()) console.log(line);
