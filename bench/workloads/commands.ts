import { alternate, perSecond } from "../lib/rounds.js";
import type { ResultRow, Workload } from "../lib/workload.js";
import { runCommandsEmmett } from "./commandsEmmett.js";
import { runCommandsOurs } from "./commandsOurs.js";
import { COMMANDS_PER_GRANT, fundingRounds } from "./grantScript.js";

/**
 * The issue asks for 20 000 grants. Every grant command reads its round's stream, and each award
 * adds a commitment to it, so a funding round is a hot stream and the cost of a command grows
 * with the awards already in its round: the shape of the run, not only its size, sets the rate.
 * Two shapes, each on both sides:
 * - rounds of 1 000 grants, as the issue's budget (20 rounds of 1 000) has them; one round a
 *   pass, since grantledger takes about half a minute for it on this machine (all 20 would be
 *   ten minutes) and Emmett's in-memory store slows with the number of streams (its 20 rounds
 *   take over a minute);
 * - rounds of 100 grants, nearer a real call (the 2009 crisis package funded 52 projects), ten a pass.
 */
const SHAPES = [
  { name: "commands", rounds: 1, grantsPerRound: 1_000, passes: 3 },
  { name: "commands-rounds-of-100", rounds: 10, grantsPerRound: 100, passes: 3 },
] as const;

export const commands: Workload = {
  name: "commands",
  measures:
    "apply, evaluate, award and three disbursements per grant through createGrantLedger on the memory store (codecs, pure deciders, hash chain), against Emmett's DeciderCommandHandler on its in-memory store with a decider written to the same rules and event shapes (no codecs, no hashing: Emmett has neither); grant commands/s",
  run: async (log) => {
    const rows: ResultRow[] = [];
    for (const shape of SHAPES) {
      const count = shape.rounds * shape.grantsPerRound * COMMANDS_PER_GRANT;
      const shapeText = `${shape.rounds === 1 ? "one funding round" : `${shape.rounds} funding rounds`} of ${shape.grantsPerRound.toLocaleString("en-US")} grants a pass (${count.toLocaleString("en-US")} commands)`;
      log(`  ${shapeText}`);
      let pass = 0;
      const { ours, peer } = await alternate(
        shape.passes,
        {
          // Fresh ids every pass, so no pass is answered from an earlier one's events.
          ours: async () => perSecond(count, await runCommandsOurs(fundingRounds(shape.rounds, shape.grantsPerRound, `o${pass++}`))),
          peer: async () => perSecond(count, await runCommandsEmmett(fundingRounds(shape.rounds, shape.grantsPerRound, `e${pass++}`))),
        },
        log,
      );
      const ratio = ours / peer;
      rows.push({
        name: shape.name,
        unit: "commands/s",
        ours,
        peer,
        peerLabel: "Emmett",
        ratio,
        target: ">= 5x",
        met: ratio >= 5,
        note: `${shapeText}, ${shape.passes} passes a side; grantledger decodes every command and every event it reads, checks the hash chain and hashes what it writes; Emmett has no codecs and no hashes`,
      });
    }
    return rows;
  },
};
