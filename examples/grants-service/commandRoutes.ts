import * as E from "fp-ts/lib/Either.js";
import type { Hono } from "hono";
import {
  AcceptConditions,
  AdjustRoundBudget,
  AmendAward,
  AppealDecision,
  ApplyForGrant,
  AwardGrant,
  CarryOverFunds,
  ClaimRepayment,
  CloseGrant,
  CloseRound,
  DeclareConflictOfInterest,
  DisburseGrant,
  DismissAppeal,
  DismissApplication,
  EvaluateApplication,
  OpenRound,
  RecordRepayment,
  RejectApplication,
  RenounceAward,
  ReportBenefits,
  ReverseDisbursement,
  UpholdAppeal,
  WithdrawApplication,
  type CommandOutcome,
  type GrantLedger,
  type LedgerCommandInput,
  type LedgerError,
} from "@grantledger/core";
import { authProblem, type GrantsEnv } from "./authentication.js";
import { readCommandRequest, type CommandRequestLimits } from "./commandRequest.js";
import { explainRequestError } from "./requestErrors.js";
import { jsonResponse } from "./json.js";
import { ledgerProblemFor, problemFor } from "./problem.js";
import { COMMAND_ROLES, mayGive, ROLES } from "./roles.js";

/** A command endpoint: where it is posted, which ledger command it gives. */
export interface CommandRoute {
  readonly path: string;
  readonly type: LedgerCommandInput["type"];
  /** For a command that creates something to read: where to read it (the `Location`). */
  readonly location?: (data: Readonly<Record<string, unknown>>) => string;
}

/** The shape of core's command codecs: `{ type: literal, data }`. */
interface CommandCodec {
  readonly props: { readonly type: { readonly value: LedgerCommandInput["type"] } };
}

// The type is taken from the ledger's own command codec, so the two cannot disagree.
const route = (path: string, command: CommandCodec, location?: CommandRoute["location"]): CommandRoute => ({
  path,
  type: command.props.type.value,
  ...(location === undefined ? {} : { location }),
});

const at = (collection: string, id: unknown): string => `/${collection}/${encodeURIComponent(String(id))}`;

/**
 * Every command endpoint. Ids in the path are merged into the command's data. A decision or
 * step that happens once to its grant or round is a singular noun (`/award`, `/closure`); one
 * that can happen many times is a plural collection (`/disbursements`, `/amendments`).
 */
export const COMMAND_ROUTES: readonly CommandRoute[] = [
  route("/rounds", OpenRound, (data) => at("rounds", data.roundId)),
  route("/rounds/:roundId/closure", CloseRound),
  route("/rounds/:roundId/budget-adjustments", AdjustRoundBudget),
  route("/rounds/:roundId/carry-overs", CarryOverFunds),
  route("/grants", ApplyForGrant, (data) => at("grants", data.grantId)),
  route("/grants/:grantId/conflicts-of-interest", DeclareConflictOfInterest),
  route("/grants/:grantId/evaluation", EvaluateApplication),
  route("/grants/:grantId/award", AwardGrant),
  route("/grants/:grantId/rejection", RejectApplication),
  route("/grants/:grantId/dismissal", DismissApplication),
  route("/grants/:grantId/withdrawal", WithdrawApplication),
  route("/grants/:grantId/appeal", AppealDecision),
  route("/grants/:grantId/appeal/upholding", UpholdAppeal),
  route("/grants/:grantId/appeal/dismissal", DismissAppeal),
  route("/grants/:grantId/acceptance", AcceptConditions),
  route("/grants/:grantId/amendments", AmendAward),
  route("/grants/:grantId/renunciation", RenounceAward),
  route("/grants/:grantId/disbursements", DisburseGrant),
  route("/grants/:grantId/reversals", ReverseDisbursement),
  route("/grants/:grantId/repayment-claims", ClaimRepayment),
  route("/grants/:grantId/repayment-claims/:claimId/repayments", RecordRepayment),
  route("/grants/:grantId/benefit-reports", ReportBenefits),
  route("/grants/:grantId/closure", CloseGrant),
];

/** Set on the answer to a retried command: nothing new was recorded, this is what the first did. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

/**
 * The answer to an accepted command: the events it recorded. It is built from the recorded
 * events alone, and the ledger answers a retry from the same events, so a client's retry gets
 * the same status and body as its first attempt; only {@link REPLAYED_HEADER} tells them apart.
 * (For now a retried command that released money on its round lists only its grant's event,
 * not the round's `FundsReleased`: core answers the release's retry as nothing new to do.)
 */
const accepted = (route: CommandRoute, data: Readonly<Record<string, unknown>>, commandId: string, outcome: CommandOutcome): Response => {
  const events = outcome.events.map(({ streamName, revision, id, event }) => ({ streamName, revision, id, type: event.type, data: event.data }));
  const headers: Record<string, string> = outcome.alreadyHandled ? { [REPLAYED_HEADER]: "true" } : {};
  if (route.location !== undefined) headers.Location = route.location(data);
  return jsonResponse(route.location === undefined ? 200 : 201, { commandId, events }, headers);
};

const bodyPath = (path: string): string => path.replace(/^data(\.|$)/, "");

/**
 * The ledger names a failing path within the whole command (`data.applicant.orgNo`); the client
 * sent only the data, so the path is given within the body it sent (`applicant.orgNo`). The
 * same holds for the field of a business time after the ledger's clock (`data.awardedAt`).
 */
const withinBody = (error: LedgerError): LedgerError =>
  error._tag === "InvalidCommand"
    ? { ...error, path: bodyPath(error.path) }
    : error._tag === "BusinessTimeInFuture"
      ? { ...error, field: bodyPath(error.field) }
      : error;

/**
 * Adds a POST endpoint for every command in {@link COMMAND_ROUTES}; `limits` bound the headers
 * and body read. With an authenticated caller, a command outside its roles is refused (403)
 * before its body is read, and the caller's subject is the actor.
 */
export const addCommandRoutes = (app: Hono<GrantsEnv>, ledger: GrantLedger, limits: CommandRequestLimits): void => {
  for (const route of COMMAND_ROUTES) {
    app.post(route.path, async (c) => {
      const caller = c.get("caller");
      if (caller !== undefined && !mayGive(caller.roles, route.type)) {
        const roles = ROLES.filter((role) => caller.roles.has(role));
        return authProblem({ _tag: "CommandOutsideRoles", command: route.type, requiredRole: COMMAND_ROLES[route.type], roles }, c);
      }
      const request = await readCommandRequest(c, limits, caller?.subject);
      if (E.isLeft(request)) return problemFor(request.left, explainRequestError(request.left), c);
      const { data, context } = request.right;
      // Untrusted JSON is what `execute` is for: it decodes `data` with the command's codec
      // before anything else and answers `InvalidCommand` with the failing path (also for a
      // field the codec does not know, which would otherwise be recorded as sent).
      const outcome = await ledger.execute({ type: route.type, data } as LedgerCommandInput, context)();
      if (E.isLeft(outcome)) {
        return ledgerProblemFor(withinBody(outcome.left), c);
      }
      return accepted(route, data, context.commandId, outcome.right);
    });
  }
};
