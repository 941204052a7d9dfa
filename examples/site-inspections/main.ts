/** `pnpm example:inspections`: runs the site-inspections example and prints what it did. */
import { siteInspections } from "./siteInspections.js";

for (const line of await siteInspections()) console.log(line);
