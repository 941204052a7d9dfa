import type { GrantStatus } from "@grantledger/core";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import type { GrantRegisterRow } from "../readModels/grantRegisterRow.js";
import type { ParticipantTotals } from "../readModels/municipalityTotalsState.js";
import type { RoundBudgetRow } from "../readModels/roundBudgetQueries.js";
import type { InvalidPageRequest, Page, PageRequest } from "./pageRequest.js";

/** The store behind the queries failed (the database's message); nothing is known about the rows. */
export interface ReadModelQueryFailed {
  /** Tells this error from the others. */
  readonly _tag: "ReadModelQueryFailed";
  /** What was asked, e.g. `listGrants`. */
  readonly query: string;
  /** The underlying failure. */
  readonly reason: string;
}

/** Why a query gave no answer. */
export type ReadModelQueryError = InvalidPageRequest | ReadModelQueryFailed;

/** Which grants: a page, optionally only those of one round or of one status. */
export interface GrantPageRequest extends PageRequest {
  /** Only the grants applied to this round. */
  readonly roundId?: string;
  /** Only the grants that stand at this status. */
  readonly status?: GrantStatus;
}

/** Which participants: a page, optionally of one kind (`municipality`, `county`, …). */
export interface ParticipantPageRequest extends PageRequest {
  /** Only participants of this kind. */
  readonly kind?: ParticipantTotals["kind"];
}

/** Which rounds: a page, optionally of one scheme. */
export interface RoundPageRequest extends PageRequest {
  /** Only the rounds whose `RoundOpened` names this scheme. */
  readonly schemeId?: string;
}

/**
 * Get-by-key and paged list queries over the saved read models (grant register, municipality
 * totals, round budgets), answered from their rows, never from a replay or a whole state: a
 * reader that starts on a caught-up store answers its first page at once. Two implementations
 * answer alike: `readModelQueriesOfStates` over in-memory states and the PostgreSQL adapter's
 * `createPostgresReadModelQueries` over its tables.
 *
 * Lists are in order of key (see {@link PageRequest}): grants by grant id, participants by
 * participant key (`county:46` < `municipality:1201` < `org:974760673`), rounds by round id.
 * The answer is as of the read model's last save: events past its checkpoint are not in it yet.
 */
export interface ReadModelQueries {
  /** One grant's register row, or `undefined` if no such grant was applied for. */
  getGrant(grantId: string): TaskEither<ReadModelQueryError, GrantRegisterRow | undefined>;
  /** A page of the grant register. */
  listGrants(request?: GrantPageRequest): TaskEither<ReadModelQueryError, Page<GrantRegisterRow>>;
  /** One participant's totals over all rounds by its key (`municipality:1201`), or `undefined`. */
  getParticipant(key: string): TaskEither<ReadModelQueryError, ParticipantTotals | undefined>;
  /** A page of participant totals; `next` is a participant key. */
  listParticipants(request?: ParticipantPageRequest): TaskEither<ReadModelQueryError, Page<ParticipantTotals>>;
  /** One round's budget, or `undefined` if no such round was opened. */
  getRound(roundId: string): TaskEither<ReadModelQueryError, RoundBudgetRow | undefined>;
  /** A page of round budgets. */
  listRounds(request?: RoundPageRequest): TaskEither<ReadModelQueryError, Page<RoundBudgetRow>>;
}

