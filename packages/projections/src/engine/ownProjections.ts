import { codecOf, checkEventCodecs, EVENT_CODECS, type EventShape } from "@grantledger/core";
import type { Projection } from "../projection.js";
import type { ProjectionRunner } from "../runner/projectionRunnerTypes.js";

/**
 * Checks the application's own projections before any of them runs: each has a name of its own
 * (none of the built-in ones', none twice, since the read-model store keeps them by name), valid
 * codecs, and a codec for every type it handles that is not the catalogue's. Throws a
 * `RangeError` naming the projection: a mistake in code, found at start rather than as a poison
 * event at the first event of the unknown type.
 */
export const checkOwnProjections = (builtIn: readonly Projection<unknown, EventShape>[], own: readonly Projection<unknown, EventShape>[]): void => {
  const names = new Set(builtIn.map((projection) => projection.name));
  for (const projection of own) {
    const where = `projection "${projection.name}"`;
    if (typeof projection.name !== "string" || projection.name === "") throw new RangeError("a projection needs a name: its read model is kept under it");
    if (names.has(projection.name)) throw new RangeError(`${where}: another read model of the engine has this name; the read-model store keeps each under its name`);
    names.add(projection.name);
    if (!Number.isSafeInteger(projection.version)) throw new RangeError(`${where}: version must be a whole number, not ${String(projection.version)}`);
    const codecs = projection.codecs ?? {};
    checkEventCodecs(codecs, where);
    for (const type of projection.handles) {
      if (!Object.hasOwn(EVENT_CODECS, type) && codecOf(codecs, type) === undefined) {
        throw new RangeError(`${where} handles "${type}", which is no event type of the catalogue and has no codec in its codecs`);
      }
    }
  }
};

/** The state of the read model `projection` names, from the engine's runners by name. */
export const ownReadModel = <S, Ev extends EventShape>(runners: ReadonlyMap<string, ProjectionRunner<unknown>>, projection: Projection<S, Ev>): S => {
  const runner = runners.get(projection.name);
  if (runner === undefined) throw new RangeError(`the engine runs no read model named "${projection.name}"`);
  // Safe: the runner was made for the projection of this name, whose state type is S.
  return runner.current().state as S;
};
