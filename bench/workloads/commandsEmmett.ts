import { DeciderCommandHandler, getInMemoryEventStore } from "@event-driven-io/emmett";
import type { InMemoryEventStore } from "@event-driven-io/emmett";
import { timeMs } from "../lib/rounds.js";
import { decideGrant, evolveGrant, initialGrantState, type GrantCommand, type GrantEvent, type GrantState } from "./emmettGrantDecider.js";
import {
  decideRound,
  evolveRound,
  initialRoundState,
  type RoundCommand,
  type RoundEvent,
  type RoundState,
} from "./emmettRoundDecider.js";
import type { FundingRound, GrantSteps } from "./grantScript.js";

const NO_ROUND: RoundState = { status: "none" };

// Emmett's decide sees only (command, state); a grant decision also needs its round's state, so
// the handler is made per command around the round state read just before (a closure: cheap).
const grantHandler = (round: RoundState) =>
  DeciderCommandHandler<GrantState, GrantCommand, GrantEvent>({
    decide: (command, state) => decideGrant(command, state, round),
    evolve: evolveGrant,
    initialState: initialGrantState,
  });

const roundHandler = DeciderCommandHandler<RoundState, RoundCommand, RoundEvent>({
  decide: decideRound,
  evolve: evolveRound,
  initialState: initialRoundState,
});

const readRound = async (store: InMemoryEventStore, roundId: string): Promise<RoundState> =>
  (await store.aggregateStream<RoundState, RoundEvent>(`round-${roundId}`, { evolve: evolveRound, initialState: initialRoundState })).state;

/**
 * An award touches two streams, as grantledger's does: the grant is read, the commitment is
 * decided on the round (after the award's own rules, so nothing is committed for an award that
 * would be refused) and appended at the round version read, then the award is appended to the
 * grant at the version read. Two reads of the grant and one of the round, as ours.
 */
const award = async (store: InMemoryEventStore, grant: GrantSteps): Promise<void> => {
  const { grantId } = grant.award;
  const grantStream = `grant-${grantId}`;
  const before = await store.aggregateStream<GrantState, GrantEvent>(grantStream, { evolve: evolveGrant, initialState: initialGrantState });
  if (before.state.status === "none") throw new Error(`grant ${grantId} not found`);
  const awardCommand: GrantCommand = { type: "AwardGrant", data: grant.award };
  const { roundId } = before.state;
  const committed = await DeciderCommandHandler<RoundState, RoundCommand, RoundEvent>({
    decide: (command, round) => {
      decideGrant(awardCommand, before.state, round);
      return decideRound(command, round);
    },
    evolve: evolveRound,
    initialState: initialRoundState,
  })(store, `round-${roundId}`, { type: "CommitFunds", data: { roundId, grantId, amount: grant.award.amount } });
  await grantHandler(committed.newState)(store, grantStream, awardCommand, { expectedStreamVersion: before.currentStreamVersion });
};

/**
 * The same script through Emmett's `DeciderCommandHandler` on its in-memory store. The round is
 * read for the commands whose rules need it (apply, award, disburse), as an Emmett user would.
 */
export const runCommandsEmmett = async (rounds: readonly FundingRound[]): Promise<number> => {
  const store = getInMemoryEventStore();
  for (const round of rounds) await roundHandler(store, `round-${round.open.roundId}`, { type: "OpenRound", data: round.open });
  const ms = await timeMs(async () => {
    for (const round of rounds) {
      for (const grant of round.grants) {
        const grantStream = `grant-${grant.apply.grantId}`;
        await grantHandler(await readRound(store, grant.apply.roundId))(store, grantStream, { type: "ApplyForGrant", data: grant.apply });
        await grantHandler(NO_ROUND)(store, grantStream, { type: "EvaluateApplication", data: grant.evaluate });
        await award(store, grant);
        for (const disbursement of grant.disbursements) {
          await grantHandler(await readRound(store, grant.apply.roundId))(store, grantStream, { type: "DisburseGrant", data: disbursement });
        }
      }
    }
  });
  // Outside the timing: every award must have reached its round, or the pass measured less work.
  for (const round of rounds) {
    const state = await readRound(store, round.open.roundId);
    const expected = round.grants.reduce((sum, grant) => sum + grant.award.amount, 0);
    if (state.status === "none" || state.committed !== expected) throw new Error(`round ${round.open.roundId} did not commit every award`);
  }
  return ms;
};
