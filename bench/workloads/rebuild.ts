import { grantHistoryLines } from "../lib/grantHistory.js";
import { alternate, perSecond } from "../lib/rounds.js";
import type { Workload } from "../lib/workload.js";
import { parseAndDecode, rebuildFromLines } from "./rebuildSides.js";

const EVENTS = 1_000_000;
const ROUNDS = 3;

export const rebuild: Workload = {
  name: "rebuild",
  measures: `a rebuild of MunicipalityTotals from ${EVENTS.toLocaleString("en-US")} recorded events held as JSON lines (parse, codecs for the handled types, fold), against the floor: JSON.parse and the codecs of every event and nothing else; events/s`,
  run: async (log) => {
    const started = performance.now();
    const lines = grantHistoryLines(EVENTS);
    log(`  ${lines.length.toLocaleString("en-US")} events serialised in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`);
    let municipalities = 0;
    const { ours, peer } = await alternate(
      ROUNDS,
      {
        ours: async () => {
          const result = await rebuildFromLines(lines);
          municipalities = result.municipalities;
          return perSecond(lines.length, result.ms);
        },
        peer: async () => perSecond(lines.length, await parseAndDecode(lines)),
      },
      log,
    );
    const ratio = ours / peer;
    return [
      {
        name: "rebuild",
        unit: "events/s",
        ours,
        peer,
        peerLabel: "floor",
        ratio,
        target: ">= 50 % of floor (0.5x)",
        met: ratio >= 0.5,
        note: `${lines.length.toLocaleString("en-US")} events of grants with 1 to 33 municipalities each, folded into ${municipalities} municipalities' totals; the floor decodes every event, the rebuild only the types it handles`,
      },
    ];
  },
};
