import type { Either } from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";

/**
 * The `TaskEither` methods of `L`, each as a method that runs at once and returns a
 * `Promise<Either<…>>`: the same arguments, the same `Left` and `Right`. A forgotten `await` is
 * a floating promise (`@typescript-eslint/no-floating-promises` reports it), and its result is a
 * `Promise`, not an `Either`, so `E.isRight(outcome)` does not type-check; a forgotten `()` after
 * a `TaskEither` method compiles and does nothing.
 */
export type PromiseMethods<L> = {
  readonly [K in keyof L as L[K] extends (...args: never[]) => TaskEither<unknown, unknown> ? K : never]: L[K] extends (...args: infer A) => TaskEither<infer Left, infer Right>
    ? (...args: A) => Promise<Either<Left, Right>>
    : never;
};

/**
 * Every method of `target` that returns a `TaskEither`, run at once: `run.awardGrant(data,
 * context)` is `target.awardGrant(data, context)()`, calling `target`'s method at the time of the call.
 */
export const promiseMethods = <L extends object>(target: L): PromiseMethods<L> => {
  const methods: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, member] of Object.entries(target)) {
    if (typeof member !== "function") continue;
    // Only the TaskEither methods are in the type, so only they are ever called here.
    methods[name] = (...args) => (target as Record<string, (...a: never[]) => () => Promise<unknown>>)[name]!(...args)();
  }
  return methods as PromiseMethods<L>;
};
