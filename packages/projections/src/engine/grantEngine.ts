import * as E from "fp-ts/lib/Either.js";
import type { TaskEither } from "fp-ts/lib/TaskEither.js";
import {
  createGrantLedger,
  startAutoSealer,
  type GrantLedgerOptions, type AutoSealOptions, type EventShape, type EventStore, type GrantLedger, type ReadAllError, type RetryPolicy } from "@grantledger/core";
import type { TelemetryOptions } from "@grantledger/core";
import type { Projection } from "../projection.js";
import type { ProjectionError } from "../projectionError.js";
import { benefitsRealisation } from "../readModels/benefitsRealisation.js";
import { grantRegister } from "../readModels/grantRegister.js";
import { municipalityTotals } from "../readModels/municipalityTotals.js";
import { reportObligations } from "../readModels/reportObligations.js";
import { roundBudget } from "../readModels/roundBudget.js";
import { createProjectionRunner } from "../runner/projectionRunner.js";
import type { ProjectionRunner } from "../runner/projectionRunnerTypes.js";
import { createMemoryReadModelStore } from "../store/memoryReadModelStore.js";
import type { ReadModelStore } from "../store/readModelStore.js";
import { checkOwnProjections, ownReadModel } from "./ownProjections.js";
import type { ReadModelStates } from "./readModelStates.js";
import { storeHead } from "./storeHead.js";
import { createHeadTracker, notingAppends } from "./headTracker.js";

/** What a {@link GrantEngine} runs on. */
export interface GrantEngineOptions {
  /** The event store; the engine never closes it (its opener does). Commands and seals write here. */
  readonly store: EventStore;
  /**
   * Where the read models read from, when not `store`: a read-only connection to a streaming
   * replica of it (same positions, some lag behind). Writes still go to `store`, and
   * {@link GrantEngine.settled} still means every event stored in `store` when it is called, so a
   * client reads its own write: it waits out the replica's lag. The engine never closes it.
   */
  readonly readStore?: EventStore;
  /** Where the read models and their checkpoints are kept; defaults to a new in-memory one. */
  readonly readModelStore?: ReadModelStore;
  /** Passed to {@link createGrantLedger}. */
  readonly retry?: Partial<RetryPolicy>;
  /** The ledger's clock, passed to {@link createGrantLedger}; the system clock by default. */
  readonly clock?: GrantLedgerOptions["clock"];
  /** The historical mode, passed to {@link createGrantLedger}: for loading records dated in the past. */
  readonly historical?: GrantLedgerOptions["historical"];
  /** How long a command's texts and lists may be, passed to {@link createGrantLedger}. */
  readonly limits?: GrantLedgerOptions["limits"];
  /** Personal data sealed under a key store, passed to {@link createGrantLedger}; plain text without. */
  readonly personalData?: GrantLedgerOptions["personalData"];
  /** Told of any error that stops a read model while it follows the store live. */
  readonly onError?: (error: ProjectionError) => void;
  /**
   * Seal the store on its own, every N events or T seconds (docs/audit.md §3). Off unless given:
   * a seal is a recorded act by a named actor, perhaps with a signing key, and one process per
   * store should make them. Between seals only the hash chain protects what was recorded.
   */
  readonly autoSeal?: AutoSealOptions;
  /**
   * Where the ledger's and the read models' OpenTelemetry spans and metrics go (see the READMEs
   * of `@grantledger/core` and `@grantledger/projections`); the global providers by default. The
   * read models' lag is measured against the highest position the engine knows stored: what its
   * ledger appended, what any read model reached, and the head each `settled()` reads.
   */
  readonly telemetry?: TelemetryOptions;
  /**
   * The application's own read models, run beside the built-in ones and kept as they are: in
   * `readModelStore` under their names, with their checkpoints, rebuilt from the first event when
   * their version changes; {@link GrantEngine.settled} waits for them too, and
   * {@link GrantEngine.readModel} reads them. Their names must differ from each other and from
   * the built-in ones', and each type they handle must be the catalogue's or one of their
   * `codecs`: otherwise `startGrantEngine` throws a `RangeError` naming the projection.
   */
  readonly projections?: readonly Projection<unknown, EventShape>[];
}

/** Why {@link GrantEngine.settled} could not answer: a read model stopped, or the store failed. */
export type GrantEngineError = ProjectionError | ReadAllError;

/**
 * The whole engine over one store: the ledger that handles commands, and the five read models
 * following the store live.
 */
export interface GrantEngine {
  /** The store it runs on, as given. */
  readonly store: EventStore;
  /** Handles commands; see {@link createGrantLedger}. */
  readonly ledger: GrantLedger;
  /** The key store of personal data its ledger seals with, as given (for reading histories to people). */
  readonly personalData?: GrantLedgerOptions["personalData"];
  /** The read models as the runners hold them now: a command just handled may not be in them yet. */
  readModels(): ReadModelStates;
  /**
   * The read models once every runner has applied every event stored when this is called: call
   * it after a command to read your own write.
   */
  settled(): TaskEither<GrantEngineError, ReadModelStates>;
  /**
   * The state of one read model, built-in or the application's own (see
   * {@link GrantEngineOptions.projections}), found by the projection's name and typed by it:
   * `engine.readModel(inspectionsByGrant)`. As the runner holds it now; after
   * {@link GrantEngine.settled} it holds every event stored when `settled` was called. Throws a
   * `RangeError` for a projection the engine does not run.
   */
  readModel<S, Ev extends EventShape>(projection: Projection<S, Ev>): S;
  /** Stops the runners and waits until nothing is in flight. The store stays open. */
  stop(): Promise<void>;
}

interface Runners {
  readonly municipalityTotals: ProjectionRunner<ReadModelStates["municipalityTotals"]>;
  readonly roundBudget: ProjectionRunner<ReadModelStates["roundBudget"]>;
  readonly grantRegister: ProjectionRunner<ReadModelStates["grantRegister"]>;
  readonly benefitsRealisation: ProjectionRunner<ReadModelStates["benefitsRealisation"]>;
  readonly reportObligations: ProjectionRunner<ReadModelStates["reportObligations"]>;
}

const minimum = (positions: readonly (bigint | undefined)[]): bigint | undefined =>
  positions.reduce<bigint | undefined>((low, p) => (low === undefined || p === undefined ? undefined : p < low ? p : low), positions[0]);

const BUILT_IN: readonly Projection<unknown, EventShape>[] = [municipalityTotals, roundBudget, grantRegister, benefitsRealisation, reportObligations];

/**
 * Starts a {@link GrantEngine}: catches every read model up with the store (loading what the
 * read-model store kept), then follows it live. Left with the first read model that fails to
 * catch up; the others are stopped again. Throws a `RangeError` at once for an own projection
 * it cannot run (see {@link GrantEngineOptions.projections}).
 */
export const startGrantEngine = (options: GrantEngineOptions): TaskEither<ProjectionError, GrantEngine> => {
  checkOwnProjections(BUILT_IN, options.projections ?? []);
  return startChecked(options);
};

const startChecked =
  (options: GrantEngineOptions): TaskEither<ProjectionError, GrantEngine> =>
  async () => {
    const { store } = options;
    const followed = options.readStore ?? store;
    const readModelStore = options.readModelStore ?? createMemoryReadModelStore();
    const heads = createHeadTracker();
    // The highest position known stored; the runners' own checkpoints count, so that one read
    // model that has seen another process's events shows the others behind it.
    const knownHead = (): bigint | undefined => {
      for (const runner of all) heads.note(runner.current().checkpoint);
      return heads.current();
    };
    const telemetry = { ...options.telemetry, head: knownHead };
    // Every runner by its projection's name, for readModel.
    const named = new Map<string, ProjectionRunner<unknown>>();
    const runnerOf = <S>(projection: Projection<S, EventShape>): ProjectionRunner<S> => {
      const runner = createProjectionRunner({ store: followed, projection, readModelStore, telemetry, ...(options.onError === undefined ? {} : { onError: options.onError }) });
      named.set(projection.name, runner);
      return runner;
    };
    const runners: Runners = {
      municipalityTotals: runnerOf(municipalityTotals),
      roundBudget: runnerOf(roundBudget),
      grantRegister: runnerOf(grantRegister),
      benefitsRealisation: runnerOf(benefitsRealisation),
      reportObligations: runnerOf(reportObligations),
    };
    const own = (options.projections ?? []).map((projection) => runnerOf(projection));
    const all: readonly ProjectionRunner<unknown>[] = [...Object.values(runners), ...own];
    const sealer = options.autoSeal === undefined ? undefined : startAutoSealer(store, options.autoSeal);
    const stop = async (): Promise<void> => {
      await Promise.all([...all.map((runner) => runner.stop()), sealer?.stop()]);
    };

    for (const runner of all) {
      const started = await runner.start()();
      if (E.isLeft(started)) {
        await stop();
        return started;
      }
    }

    const readModels = (): ReadModelStates => ({
      municipalityTotals: runners.municipalityTotals.current().state,
      roundBudget: runners.roundBudget.current().state,
      grantRegister: runners.grantRegister.current().state,
      benefitsRealisation: runners.benefitsRealisation.current().state,
      reportObligations: runners.reportObligations.current().state,
    });

    const settled = (): TaskEither<GrantEngineError, ReadModelStates> => async () => {
      const head = await storeHead(store, minimum(all.map((runner) => runner.current().checkpoint)))();
      if (E.isLeft(head)) return head;
      const target = head.right;
      heads.note(target);
      if (target !== undefined) {
        for (const runner of all) {
          const reached = await runner.waitForPosition(target)();
          if (E.isLeft(reached)) return reached;
        }
      }
      return E.right(readModels());
    };

    return E.right({
      store,
      ledger: createGrantLedger({
        store: notingAppends(store, heads),
        ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
        ...(options.retry === undefined ? {} : { retry: options.retry }),
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.historical === undefined ? {} : { historical: options.historical }),
        ...(options.limits === undefined ? {} : { limits: options.limits }),
        ...(options.personalData === undefined ? {} : { personalData: options.personalData }),
      }),
      ...(options.personalData === undefined ? {} : { personalData: options.personalData }),
      readModels,
      settled,
      readModel: (projection) => ownReadModel(named, projection),
      stop,
    });
  };
