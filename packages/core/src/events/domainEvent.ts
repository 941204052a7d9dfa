import * as t from "io-ts";
import {
  ApplicationEvaluated,
  BenefitsReported,
  GrantApplied,
  GrantAwarded,
  GrantDisbursed,
  GrantEvent,
  GrantRejected,
} from "./grantEvents.js";
import {
  AppealDismissed,
  AppealUpheld,
  ApplicationDismissed,
  ApplicationWithdrawn,
  AwardAmended,
  AwardRenounced,
  ConditionsAccepted,
  ConflictOfInterestDeclared,
  DecisionAppealed,
  DisbursementReversed,
  GrantClosed,
  RepaymentClaimed,
  RepaymentReceived,
} from "./grantLifecycleEvents.js";
import { FundsCarriedIn, FundsCarriedOver, FundsCommitted, FundsReleased, RoundBudgetAdjusted, RoundClosed, RoundEvent, RoundOpened } from "./roundEvents.js";

/** Every domain event grantledger records, as `{ type, data }`. */
export const DomainEvent = t.union([RoundEvent, GrantEvent]);
export type DomainEvent = t.TypeOf<typeof DomainEvent>;
/** The `type` of every domain event: `"RoundOpened"`, `"GrantApplied"` and the rest. */
export type DomainEventType = DomainEvent["type"];

/** The stream of a funding round: `round-<roundId>`. One stream per round and per grant. */
export const roundStreamName = (roundId: string): string => `round-${roundId}`;
/** The stream of a grant: `grant-<grantId>`. */
export const grantStreamName = (grantId: string): string => `grant-${grantId}`;

// The codecs as they are (io-ts types, with their guards); exported below as decoders.
const CODECS = {
  RoundOpened,
  FundsCommitted,
  FundsReleased,
  RoundClosed,
  RoundBudgetAdjusted,
  FundsCarriedOver,
  FundsCarriedIn,
  GrantApplied,
  ApplicationEvaluated,
  GrantAwarded,
  GrantRejected,
  GrantDisbursed,
  BenefitsReported,
  ConditionsAccepted,
  AwardAmended,
  DisbursementReversed,
  RepaymentClaimed,
  RepaymentReceived,
  GrantClosed,
  ApplicationWithdrawn,
  AwardRenounced,
  ApplicationDismissed,
  DecisionAppealed,
  AppealUpheld,
  AppealDismissed,
  ConflictOfInterestDeclared,
} as const;

/** One codec per event type, so a decode failure names the fields of the right event. */
export const EVENT_CODECS: {
  readonly [K in DomainEventType]: t.Decoder<
    unknown,
    Extract<
      DomainEvent,
      {
        /** Picks the event of type `K` from the union. */
        type: K;
      }
    >
  >;
} = CODECS;

const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(EVENT_CODECS, type);

/** Decodes `{ type, data }` with the codec of its type; an unknown type fails at path `type`. */
export const decodeDomainEvent = (input: { type: string; data: unknown }): t.Validation<DomainEvent> => {
  if (!isDomainEventType(input.type)) {
    return t.failure(input.type, [{ key: "type", type: t.keyof(EVENT_CODECS), actual: input.type }], `unknown event type "${input.type}"`);
  }
  const codec: t.Decoder<unknown, DomainEvent> = EVENT_CODECS[input.type];
  return codec.decode(input);
};

/**
 * Whether `{ type, data }` passes the codec of its type, exactly when {@link decodeDomainEvent}
 * would succeed, by the codec's type guard: every event codec only checks (none turns a value
 * into another), so its guard and its decode agree, and the guard builds no context, `Either`
 * or copy.
 */
export const isDomainEvent = (input: { type: string; data: unknown }): boolean => isDomainEventType(input.type) && CODECS[input.type].is(input);
