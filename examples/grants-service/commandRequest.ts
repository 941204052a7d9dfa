import * as E from "fp-ts/lib/Either.js";
import type { Context } from "hono";
import { v4 as uuidv4 } from "uuid";
import type { CommandContextInput } from "@grantledger/core";
import { nestsDeeperThan } from "./jsonDepth.js";
import type { RequestError } from "./requestErrors.js";
import type { ServiceLimits } from "./serviceLimits.js";

/**
 * The header that says who gives a command in development mode; it becomes the events'
 * `metadata.actor`. With tokens, the token's subject does, and this header is ignored.
 */
export const ACTOR_HEADER = "X-Actor";
/** The header whose value becomes the command id, so a client's retry appends nothing twice. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

const MAX_KEY_LENGTH = 200;

/** A command's data (body and URL ids, not yet decoded) and its context. */
export interface CommandRequest {
  readonly data: Readonly<Record<string, unknown>>;
  readonly context: CommandContextInput;
}

const describeFound = (value: unknown): string => (Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`);

const parseBody = (text: string, maxJsonDepth: number): E.Either<RequestError, Record<string, unknown>> => {
  // Before parsing: what a body nests into is decoded, checked and hashed by recursion.
  if (nestsDeeperThan(text, maxJsonDepth)) return E.left({ _tag: "NestingTooDeep", path: "", limit: maxJsonDepth });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === "" ? "the body is empty" : error instanceof Error ? error.message : String(error);
    return E.left({ _tag: "MalformedJSON", path: "", reason });
  }
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? E.right(body as Record<string, unknown>)
    : E.left({ _tag: "BodyNotAnObject", path: "", found: describeFound(body) });
};

/**
 * The body with the URL's ids put in. A body may repeat the URL's id, but not contradict it:
 * quietly preferring either would record a command about a grant the client did not mean.
 */
const withUrlIds = (body: Record<string, unknown>, ids: Readonly<Record<string, string>>): E.Either<RequestError, Record<string, unknown>> => {
  for (const [path, inUrl] of Object.entries(ids)) {
    const inBody = body[path];
    if (inBody !== undefined && inBody !== inUrl) return E.left({ _tag: "IdMismatch", path, inUrl, inBody });
  }
  return E.right({ ...body, ...ids });
};

/**
 * The command id: the `Idempotency-Key` if given (bare, or quoted as the IETF draft's
 * structured-field string), else a new UUID, which makes the request a new command each time.
 */
const commandIdOf = (key: string | undefined): E.Either<RequestError, string> => {
  if (key === undefined) return E.right(uuidv4());
  const trimmed = key.trim();
  const bare = /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  const reason =
    bare.trim() === "" ? "it is empty" : bare.length > MAX_KEY_LENGTH ? `it is longer than ${MAX_KEY_LENGTH} characters` : undefined;
  return reason === undefined ? E.right(bare) : E.left({ _tag: "InvalidIdempotencyKey", header: IDEMPOTENCY_KEY_HEADER, reason });
};

const actorHeaderOf = (c: Context, maxActorLength: number): E.Either<RequestError, string> => {
  const actor = c.req.header(ACTOR_HEADER)?.trim();
  if (actor === undefined || actor === "") return E.left({ _tag: "MissingActor", header: ACTOR_HEADER });
  if (actor.length > maxActorLength) return E.left({ _tag: "HeaderTooLong", header: ACTOR_HEADER, length: actor.length, limit: maxActorLength });
  return E.right(actor);
};

const contextOf = (c: Context, limits: CommandRequestLimits, authenticated: string | undefined): E.Either<RequestError, CommandContextInput> => {
  const actor = authenticated === undefined ? actorHeaderOf(c, limits.maxActorLength) : E.right(authenticated);
  if (E.isLeft(actor)) return actor;
  const commandId = commandIdOf(c.req.header(IDEMPOTENCY_KEY_HEADER));
  return E.isLeft(commandId) ? commandId : E.right({ commandId: commandId.right, actor: actor.right });
};

/** The limits a command request is read within; see {@link ServiceLimits}. */
export type CommandRequestLimits = Pick<ServiceLimits, "maxActorLength" | "maxJsonDepth">;

/**
 * Reads a command request: the context from the headers, then the JSON body with the URL's
 * ids merged in. Only the framing is checked here; the data is left to the ledger, which
 * decodes it with the command's own codec and names the failing path. The actor is
 * `authenticated` (a verified token's subject) when given: `X-Actor` is then not read at all,
 * so no header can speak for another. Without it (development mode) it is `X-Actor`.
 */
export const readCommandRequest = async (
  c: Context,
  limits: CommandRequestLimits,
  authenticated?: string,
): Promise<E.Either<RequestError, CommandRequest>> => {
  const context = contextOf(c, limits, authenticated);
  if (E.isLeft(context)) return context;
  const body = parseBody(await c.req.text(), limits.maxJsonDepth);
  if (E.isLeft(body)) return body;
  const data = withUrlIds(body.right, c.req.param());
  return E.isLeft(data) ? data : E.right({ data: data.right, context: context.right });
};
