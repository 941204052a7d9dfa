import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import { checkPageRequest, grantRegister, municipalityTotals, pageOf, roundBudget, roundBudgetRowOf } from "@grantledger/projections";
import type {
  GrantPageRequest,
  GrantRegisterRow,
  Page,
  PageRequest,
  ParticipantPageRequest,
  ParticipantTotals,
  ReadModelQueries,
  ReadModelQueryError,
  RoundBudgetRow,
  RoundFigures,
  RoundPageRequest,
} from "@grantledger/projections";
import { describeSqlError } from "./sqlErrors.js";
import { quoteIdentifier } from "./sqlNames.js";
import { text } from "./sqlRows.js";
import type { SqlDriver } from "./sqlDriver.js";

/** Which rows of `read_model_entries` a query reads. */
interface Collection {
  readonly name: string;
  readonly collection: string;
}

const GRANTS: Collection = { name: grantRegister.name, collection: "grants" };
const PARTICIPANTS: Collection = { name: municipalityTotals.name, collection: "participants" };
const ROUNDS: Collection = { name: roundBudget.name, collection: "rounds" };

/**
 * {@link ReadModelQueries} straight from the tables the PostgreSQL read-model store writes
 * (`read_model_entries`): each query is one indexed statement, a get by primary key or a page
 * by keyset (`key > $after ORDER BY key LIMIT $limit + 1`), so a reader that starts on a store
 * loads nothing and answers its first page at once, whatever the history's size. It answers
 * as of the last save of each read model; the runner that keeps them may run in another process.
 */
export const createPostgresReadModelQueries = (store: { readonly driver: SqlDriver; readonly schema: string }): ReadModelQueries => {
  const { driver } = store;
  const table = `${quoteIdentifier(store.schema)}.read_model_entries`;

  const failed = (query: string, error: unknown): ReadModelQueryError => ({ _tag: "ReadModelQueryFailed", query, reason: describeSqlError(error) });

  const get =
    <V, Row>(query: string, of: Collection, rowOf: (value: V) => Row) =>
    (key: string): TaskEither<ReadModelQueryError, Row | undefined> =>
    async () => {
      try {
        const [row] = await driver.query(`SELECT value::text AS value FROM ${table} WHERE name = $1 AND collection = $2 AND key = $3`, [of.name, of.collection, key]);
        return E.right(row === undefined ? undefined : rowOf(JSON.parse(text(row, "value")) as V));
      } catch (error) {
        return E.left(failed(query, error));
      }
    };

  // `filters` name request fields that are also fields of the row: when given, the row's must equal them.
  const list =
    <V, Row, R extends PageRequest>(query: string, of: Collection, filters: readonly (keyof R & string)[], rowOf: (value: V) => Row) =>
    (request: R = {} as R): TaskEither<ReadModelQueryError, Page<Row>> =>
    async () => {
      const checked = checkPageRequest(request);
      if (E.isLeft(checked)) return checked;
      const { after, limit } = checked.right;
      const params: unknown[] = [of.name, of.collection, after, limit + 1];
      const where: string[] = [];
      for (const field of filters) {
        const wanted = request[field];
        if (wanted === undefined) continue;
        params.push(field, String(wanted));
        where.push(`AND value->>$${params.length - 1} = $${params.length}`);
      }
      try {
        const rows = await driver.query(
          `SELECT key, value::text AS value FROM ${table} WHERE name = $1 AND collection = $2 AND key > $3 ${where.join(" ")} ORDER BY key LIMIT $4`,
          params,
        );
        return E.right(pageOf(rows.map((row) => [text(row, "key"), JSON.parse(text(row, "value")) as V] as const), limit, rowOf));
      } catch (error) {
        return E.left(failed(query, error));
      }
    };

  const same = <V>(value: V): V => value;
  return {
    getGrant: get<GrantRegisterRow, GrantRegisterRow>("getGrant", GRANTS, same),
    listGrants: list<GrantRegisterRow, GrantRegisterRow, GrantPageRequest>("listGrants", GRANTS, ["roundId", "status"], same),
    getParticipant: get<ParticipantTotals, ParticipantTotals>("getParticipant", PARTICIPANTS, same),
    listParticipants: list<ParticipantTotals, ParticipantTotals, ParticipantPageRequest>("listParticipants", PARTICIPANTS, ["kind"], same),
    getRound: get("getRound", ROUNDS, roundBudgetRowOf),
    listRounds: list<RoundFigures, RoundBudgetRow, RoundPageRequest>("listRounds", ROUNDS, ["schemeId"], roundBudgetRowOf),
  };
};

/**
 * Where each saved read model stands: its name to the last global position folded into what
 * the tables hold (`undefined` before the first event). A reader compares it with the position
 * of a write it made to know whether its queries already see that write (read your own write).
 */
export const readModelCheckpoints =
  (store: { readonly driver: SqlDriver; readonly schema: string }): TaskEither<ReadModelQueryError, ReadonlyMap<string, bigint | undefined>> =>
  async () => {
    try {
      const rows = await store.driver.query(`SELECT name, checkpoint::text AS checkpoint FROM ${quoteIdentifier(store.schema)}.read_models`);
      return E.right(new Map(rows.map((row) => [text(row, "name"), row["checkpoint"] === null ? undefined : BigInt(text(row, "checkpoint"))])));
    } catch (error) {
      return E.left({ _tag: "ReadModelQueryFailed", query: "readModelCheckpoints", reason: describeSqlError(error) });
    }
  };
