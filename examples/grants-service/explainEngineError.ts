import { describeProjectionError, type GrantEngineError } from "@grantledger/projections";
import { internal, unavailable, unhandled, type Explanation } from "./explanation.js";

const STORE_DOWN: ReadonlySet<string> = new Set(["StoreUnavailable", "StoreClosed"]);

/**
 * Why the read models could not answer. A store that cannot be reached, or a read model that
 * stopped following it, may come back (503); an event a read model cannot take will not (500).
 */
export const explainEngineError = (e: GrantEngineError): Explanation => {
  switch (e._tag) {
    case "StoreUnavailable":
      return unavailable(`The event store is unavailable (${e.operation}): ${e.reason}.`);
    case "StoreClosed":
      return unavailable(`The event store is closed (${e.operation}); the service is shutting down.`);
    case "EventStoreFailed":
      return (STORE_DOWN.has(e.error._tag) ? unavailable : internal)(`${describeProjectionError(e)}.`);
    case "ReadModelStoreFailed":
    case "RunnerNotRunning":
      return unavailable(`${describeProjectionError(e)}.`);
    case "PoisonEvent":
    case "InvalidAsOf":
      return internal(`${describeProjectionError(e)}.`);
    default:
      return unhandled(e);
  }
};
