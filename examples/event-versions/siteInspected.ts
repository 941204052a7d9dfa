import { EVENT_VERSIONING, createEventVersioning, defineUpcaster } from "@grantledger/core";
import * as t from "io-ts";

// An application's own event type, at version 2: version 1 had no findings.
const SiteInspectedV1 = t.type({ grantId: t.string, inspectedOn: t.string });
export const versioning = createEventVersioning(
  { versions: { SiteInspected: 2 }, upcasters: [defineUpcaster("SiteInspected", 1, SiteInspectedV1, (data) => ({ ...data, findings: [] }))] },
  EVENT_VERSIONING,
); // Either<UpcasterChainBroken, EventVersioning>
// upcastStoredEvent(recorded, versioning) and decodeRecordedEvent(recorded, versioning) read with it.
