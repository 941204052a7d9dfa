/**
 * `pnpm service`: opens the store the URL names, starts the engine (the ledger and the read
 * models following the store), and serves the grants app until SIGINT or SIGTERM.
 */
import * as E from "fp-ts/lib/Either.js";
import { CliError, openStore } from "@grantledger/cli";
import { describeProjectionError, startGrantEngine } from "@grantledger/projections";
import { createGrantsApp } from "./grantsApp.js";
import { serviceAuthOf } from "./serviceAuth.js";
import { TokenKeyError } from "./tokenKeys.js";
import { serveGrantsApp } from "./grantsServer.js";
import { ledgerLimitsOf } from "./serviceLimits.js";
import { serviceReadModelStore } from "./serviceReadModelStore.js";
import { createPostgresPersonalDataKeys, isPostgresEventStore } from "@grantledger/adapters/postgres";
import { parseServiceOptions, UsageError, USAGE } from "./serviceOptions.js";

// A declaration, not an arrow: only then does TypeScript know that code after a call is unreachable.
function fail(message: string, code: number): never {
  console.error(`grants-service: ${message}`);
  process.exit(code);
}

const options = (() => {
  try {
    return parseServiceOptions(process.argv.slice(2), process.env);
  } catch (error) {
    return fail(`${error instanceof UsageError ? error.message : String(error)}\n${USAGE}`, 2);
  }
})();
if (options === undefined) {
  console.log(USAGE);
  process.exit(0);
}

// The keys first: a service that cannot check tokens must not open the store at all.
const auth = await serviceAuthOf(options.auth, options.limits.maxActorLength).catch((error: unknown) =>
  fail(error instanceof TokenKeyError ? `the token keys cannot be used: ${error.message}` : String(error), 1),
);

// `create`: the service writes, so a new `pglite:DIR` is made and a PostgreSQL schema migrated.
const store = await openStore(options.storeUrl, { create: true }).catch((error: unknown) =>
  fail(error instanceof CliError ? error.message : String(error), error instanceof CliError ? error.exitCode : 1),
);
// A read model that stops is logged; the GET endpoints then answer 503 until the service restarts.
// On PostgreSQL the read models saved row by row live in the store's database (see serviceReadModelStore).
const readModelStore = serviceReadModelStore(store);
const started = await startGrantEngine({
  store,
  ...(readModelStore === undefined ? {} : { readModelStore }),
  limits: ledgerLimitsOf(options.limits),
  // On PostgreSQL, personal data is sealed under keys in the store's database (grantledger forget erases them).
  ...(isPostgresEventStore(store) ? { personalData: { keys: createPostgresPersonalDataKeys(store) } } : {}),
  onError: (error) => console.error(`grants-service: ${describeProjectionError(error)}`),
})();
if (E.isLeft(started)) {
  await store.close();
  fail(`the read models could not catch up: ${describeProjectionError(started.left)}`, 1);
}
const engine = started.right;

const app = createGrantsApp(engine, options.limits, auth.auth);
const server = serveGrantsApp(app.fetch, { port: options.port, hostname: options.host }, (info) => {
  console.log(auth.banner);
  // Tests and scripts read the port from this line, so its form is kept as it is.
  console.log(`listening on http://${options.host}:${info.port}`);
});

// A port already taken, or one the process may not bind, ends the start with one line, not a stack.
server.once("error", (error: Error) => {
  void engine.stop().then(() => store.close()).finally(() => fail(`cannot listen on ${options.host}:${options.port}: ${error.message}`, 1));
});

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  // Stop taking requests, let those in flight finish, then the read models, then the store.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await engine.stop();
  await store.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
