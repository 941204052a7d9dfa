import { AssertionError, deepStrictEqual } from "node:assert";
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import type { CodecDecider, Decider } from "../deciders/decider.js";
import { describeValidationErrors } from "../events/decodeEvent.js";

/** Any tagged error: a decider's error union narrows it. @inline */
type Tagged = {
  /** The error's name, e.g. `"AwardExceedsShareCap"`. */
  readonly _tag: string;
};
/** Any event told apart by its `type`. @inline */
type Typed = {
  /** The event's type, e.g. `"GrantAwarded"`. */
  readonly type: string;
};

/** The fields of the error with tag `Tag`, all optional: those given must match, the rest are not checked. */
export type ErrorFields<Err extends Tagged, Tag extends Err["_tag"]> = Partial<
  Omit<
    Extract<
      Err,
      {
        /** Picks the member of the error union tagged `Tag`. */
        _tag: Tag;
      }
    >,
    "_tag"
  >
>;

/**
 * What a command did in a {@link scenario}, with the two ways to say what it should have done.
 * `EventInput` is how the test writes an event: plain values where the decider has codecs.
 */
export interface ScenarioOutcome<Event, Err extends Tagged, EventInput = Event> {
  /** The decision itself, for an assertion the two below do not cover. */
  readonly decision: E.Either<Err, readonly Event[]>;
  /** The command is accepted and decides exactly these events, in this order (`[]`: nothing new). */
  then(expected: readonly EventInput[]): void;
  /** The command is refused with the error tagged `tag`; the `fields` given must match too. */
  thenFails<Tag extends Err["_tag"]>(tag: Tag, fields?: ErrorFields<Err, Tag>): void;
}

/** A scenario with its history: what is left is the command. */
export interface GivenScenario<CommandInput, Event, Err extends Tagged, EventInput = Event> {
  /** Decides `command` on the state the history folds to. */
  when(command: CommandInput): ScenarioOutcome<Event, Err, EventInput>;
}

/** A scenario over one decider; see {@link scenario}. */
export interface Scenario<CommandInput, Event, Err extends Tagged, EventInput = Event> extends GivenScenario<CommandInput, Event, Err, EventInput> {
  /** The events already recorded, oldest first; folded with the decider's own `evolve`. */
  given(events: readonly EventInput[]): GivenScenario<CommandInput, Event, Err, EventInput>;
}

const json = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
const typesOf = (events: readonly Typed[]): string => (events.length === 0 ? "no events" : `[${events.map((e) => e.type).join(", ")}]`);
const nameOf = (command: unknown): string =>
  typeof command === "object" && command !== null && "type" in command && typeof command.type === "string" ? command.type : "the command";

/** Runs `deepStrictEqual`; on a difference, puts a headline that says what was checked above its diff. */
const sameAs = (actual: unknown, expected: unknown, headline: string): void => {
  try {
    deepStrictEqual(actual, expected);
  } catch (error) {
    if (error instanceof AssertionError) error.message = `${headline}\n${error.message}`;
    throw error;
  }
};

// Operator "fail": a diff of an error against events would say nothing the message does not.
const fail = (message: string, actual: unknown, expected: unknown): never => {
  throw new AssertionError({ message, actual, expected, operator: "fail" });
};

/** A plain value through its codec; a value the codec refuses is a mistake in the test, said where. */
const decodeInput = <A>(codec: t.Type<A, unknown> | undefined, value: unknown, where: string): A => {
  if (codec === undefined) return value as A;
  const decoded = codec.decode(value);
  if (E.isRight(decoded)) return decoded.right;
  const { path, reason } = describeValidationErrors(decoded.left);
  throw new TypeError(`scenario: ${where} is not a valid ${codec.name} at ${path === "" ? "its root" : path}: ${reason}`);
};

const outcome = <Event extends Typed, Err extends Tagged, EventInput>(
  command: unknown,
  decision: E.Either<Err, readonly Event[]>,
  eventCodec: t.Type<Event, unknown> | undefined,
): ScenarioOutcome<Event, Err, EventInput> => ({
  decision,
  then: (expectedInput) => {
    const expected = expectedInput.map((event, index) => decodeInput(eventCodec, event, `then([…])[${index}]`));
    if (E.isLeft(decision)) fail(`expected ${nameOf(command)} to decide ${typesOf(expected)}, but it was refused: ${json(decision.left)}`, decision.left, expected);
    else sameAs(decision.right, expected, `${nameOf(command)} decided other events than expected:`);
  },
  thenFails: (tag, fields = {}) => {
    if (E.isRight(decision)) {
      fail(`expected ${nameOf(command)} to be refused with ${tag}, but it was accepted with ${typesOf(decision.right)}`, decision.right, { _tag: tag, ...fields });
      return;
    }
    const expected: Record<string, unknown> = { _tag: tag, ...fields };
    // Compare only what the test names, so a new field on an error breaks no test that ignores it.
    const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, (decision.left as Record<string, unknown>)[key]]));
    sameAs(actual, expected, `${nameOf(command)} was refused, but not as expected; the whole error: ${json(decision.left)}`);
  },
});

/**
 * Given / when / then over a decider, in the words of the business rule it tests:
 *
 * ```ts
 * scenario(grantDecider).given([roundOpened, grantApplied, applicationEvaluated]).when(awardCommand).then([grantAwarded]);
 * scenario(roundDecider).given([roundOpened]).when(commitTooMuch).thenFails("AwardExceedsRemainingBudget", { remaining: 1_000_00 });
 * ```
 *
 * The history is folded with the decider's real `evolve`, so a scenario also checks that evolve
 * keeps what decide needs. Where the decider carries codecs (`grantDecider` and `roundDecider`
 * do), events and commands are written as plain values (`amount: 330_000_000`, ids as strings)
 * and checked by the codecs first: a value they refuse throws a `TypeError` naming the path. A failed expectation throws an `AssertionError` (from `node:assert`)
 * whose message shows the difference line by line and whose `actual` and `expected` let test
 * runners such as vitest and jest draw their own diff; no test framework is required.
 */
export function scenario<Command, Event extends Typed, State, Err extends Tagged, CommandInput, EventInput>(
  decider: CodecDecider<Command, Event, State, Err, CommandInput, EventInput>,
): Scenario<CommandInput, Event, Err, EventInput>;
export function scenario<Command, Event extends Typed, State, Err extends Tagged>(decider: Decider<Command, Event, State, Err>): Scenario<Command, Event, Err>;
export function scenario<Command, Event extends Typed, State, Err extends Tagged>(
  decider: Decider<Command, Event, State, Err> & { readonly codecs?: { command: t.Type<Command, unknown>; event: t.Type<Event, unknown> } },
): Scenario<unknown, Event, Err, unknown> {
  const codecs = decider.codecs;
  const given = (inputs: readonly unknown[]): GivenScenario<unknown, Event, Err, unknown> => {
    const events = inputs.map((event, index) => decodeInput(codecs?.event, event, `given([…])[${index}]`));
    return {
      when: (input) => {
        const command = decodeInput(codecs?.command, input, "when(…)");
        return outcome(command, decider.decide(command, events.reduce(decider.evolve, decider.initialState)), codecs?.event);
      },
    };
  };
  return { given, when: (command) => given([]).when(command) };
}
