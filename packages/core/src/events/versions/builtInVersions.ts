import * as E from "fp-ts/lib/Either.js";
import type { DomainEventType } from "../domainEvent.js";
import { createEventVersioning, type EventVersioning } from "./eventVersioning.js";
import { grantDisbursedV1ToV2 } from "./grantDisbursedV1.js";

/**
 * The current version of every built-in event type: what the command handler writes in
 * `metadata.schemaVersion`, and what every reader brings older events to (docs/events.md,
 * "Versions"). Raise a type's version only with an upcaster from the version before.
 */
export const EVENT_VERSIONS: { readonly [K in DomainEventType]: number } = {
  RoundOpened: 1,
  FundsCommitted: 1,
  FundsReleased: 1,
  RoundClosed: 1,
  RoundBudgetAdjusted: 1,
  FundsCarriedOver: 1,
  FundsCarriedIn: 1,
  GrantApplied: 1,
  ApplicationEvaluated: 1,
  GrantAwarded: 1,
  GrantRejected: 1,
  // 2: the payment's value date beside its booking time (docs/events.md, "Versions").
  GrantDisbursed: 2,
  BenefitsReported: 1,
  ConditionsAccepted: 1,
  AwardAmended: 1,
  DisbursementReversed: 1,
  RepaymentClaimed: 1,
  RepaymentReceived: 1,
  GrantClosed: 1,
  ApplicationWithdrawn: 1,
  AwardRenounced: 1,
  ApplicationDismissed: 1,
  DecisionAppealed: 1,
  AppealUpheld: 1,
  AppealDismissed: 1,
  ConflictOfInterestDeclared: 1,
};

/** Every built-in upcaster, each reading one version of one type. */
export const EVENT_UPCASTERS = [grantDisbursedV1ToV2] as const;

const builtIn = createEventVersioning({ versions: EVENT_VERSIONS, upcasters: EVENT_UPCASTERS });
// A broken built-in chain is a bug of this package, caught by its first test: fail at load.
if (E.isLeft(builtIn)) throw new Error(`grantledger's event versions: ${builtIn.left.type}: ${builtIn.left.reason}`);

/**
 * The versioning every reader of grantledger uses unless given another: {@link EVENT_VERSIONS}
 * and {@link EVENT_UPCASTERS}. Extend it for your own event types with `createEventVersioning(spec, EVENT_VERSIONING)`.
 */
export const EVENT_VERSIONING: EventVersioning = builtIn.right;
