import type { Workload, WorkloadName } from "../lib/workload.js";
import { audit } from "./audit.js";
import { commands } from "./commands.js";
import { hostileBodies } from "./hostileBodies.js";
import { memoryAppend } from "./memoryAppend.js";
import { memoryOneStream } from "./memoryOneStream.js";
import { memoryPerEvent } from "./memoryPerEvent.js";
import { postgresAppend } from "./postgresAppend.js";
import { readModelTables } from "./readModelTables.js";
import { rebuild } from "./rebuild.js";
import { serviceScaling } from "./serviceScaling.js";
import { scale } from "./scale.js";

/** Every workload by name, in the order a full run takes them. */
export const WORKLOADS: { readonly [K in WorkloadName]: Workload } = {
  "memory-append": memoryAppend,
  "memory-one-stream": memoryOneStream,
  commands,
  rebuild,
  "postgres-append": postgresAppend,
  "memory-per-event": memoryPerEvent,
  audit,
  "hostile-bodies": hostileBodies,
  "service-scaling": serviceScaling,
  "read-model-tables": readModelTables,
  scale,
};
