import type { DateWindow } from "../events/roundEvents.js";
import type { IsoDateTime } from "../values/isoTime.js";
import type { Money } from "../values/money.js";

type Failure<Tag extends string, Fields = object> = { readonly _tag: Tag } & Readonly<Fields>;

/** Every rule a funding round's decider enforces, one tagged error each, with its figures. */
export type RoundError =
  | Failure<"RoundAlreadyOpened", { roundId: string }>
  | Failure<"RoundNotFound", { roundId: string }>
  | Failure<"RoundIsClosed", { roundId: string; closedAt: IsoDateTime }>
  | Failure<"RoundBudgetNotPositive", { roundId: string; budget: Money }>
  | Failure<"InvalidDisbursementWindow", { roundId: string; window: DateWindow }>
  | Failure<"InconsistentPolicy", { roundId: string; field: string; reason: string }>
  | Failure<"AwardExceedsRemainingBudget", { roundId: string; grantId: string; award: Money; remaining: Money }>
  | Failure<"CommitmentMismatch", { roundId: string; grantId: string; committed: Money; award: Money }>
  | Failure<"NoCommitmentToRelease", { roundId: string; grantId: string }>;
