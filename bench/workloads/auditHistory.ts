import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import * as E from "fp-ts/lib/Either.js";
import { createMemoryEventStore } from "@grantledger/adapters/memory";
import { computeEventHash, readAllPages, sealHistory, type EventStore, type JsonObject, type Seal } from "@grantledger/core";
import { formatHistoryLine } from "@grantledger/cli";

export const ROUND = "krise-2009-1";
/** Grants are worked through in blocks, each step for the whole block, as a case officer would. */
const BLOCK = 500;
export const TYPES = ["GrantApplied", "ApplicationEvaluated", "GrantAwarded", ...Array.from({ length: 7 }, () => "GrantDisbursed")] as const;
/** Events a grant: applied, evaluated, awarded, paid in seven tranches. */
export const EVENTS_PER_GRANT = TYPES.length;

/** The data of a grant's `step`th event, of `type`. */
export const grantData = (type: string, grantId: string, step: number): JsonObject => {
  switch (type) {
    case "GrantApplied":
      return {
        grantId, roundId: ROUND, applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
        participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 6000 }, { kind: "municipality", municipalityNo: "1247", name: "Askøy", shareBps: 4000 }],
        project: { title: `Prosjekt ${grantId}` }, totalCost: 350_000_00, requested: 70_000_00, appliedAt: "2009-04-01T10:00:00+02:00",
      };
    case "ApplicationEvaluated":
      return { grantId, score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" };
    case "GrantAwarded":
      return { grantId, roundId: ROUND, amount: 70_000_00, disbursementPlan: [{ due: "2009-07-01", amount: 70_000_00 }], conditions: [], awardedAt: "2009-06-15T12:00:00+02:00" };
    default:
      return { grantId, amount: 10_000_00, paymentRef: `P-${grantId}-${step}`, disbursedAt: "2009-07-02T09:00:00+02:00" };
  }
};

/** The round every generated grant is in. */
export const ROUND_OPENED: JsonObject = {
  roundId: ROUND, name: "Krisepakke 2009, runde 1", funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" }, budget: 9_000_000_000_000_00,
  policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
  applicationDeadline: "2009-04-15T23:59:59+02:00", disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
};

/**
 * A grant history in a memory store, generated rather than decided (the ledger would spend the
 * time on loading streams and deciding, which is not what is measured): events chained with
 * core's `computeEventHash` exactly as the command handler chains them, appended raw with the
 * recorded time an import gives (one second apart), and sealed by core's own `sealHistory`, so
 * the seals are byte for byte what `grantledger seal` writes. The store's clock, which stamps
 * the seals, runs on the same generated time.
 */
export class AuditHistory {
  readonly store: EventStore;
  /** The events appended so far, seals not counted. */
  events = 0;
  private readonly tails = new Map<string, { revision: bigint; hash: string }>();
  private clock = Date.UTC(2009, 5, 1);
  private grants = 0;

  constructor() {
    this.store = createMemoryEventStore({ now: () => new Date(this.clock) });
  }

  /** Opens the round every grant is in: the first event of the history. */
  async open(): Promise<void> {
    await this.record(`round-${ROUND}`, "RoundOpened", ROUND_OPENED);
  }

  /** Appends `count` more grants, ten events each, in blocks of 500. */
  async addGrants(count: number): Promise<void> {
    const end = this.grants + count;
    for (let first = this.grants; first < end; first += BLOCK) {
      const ids = Array.from({ length: Math.min(BLOCK, end - first) }, (_, i) => `g${first + i}`);
      for (let step = 0; step < TYPES.length; step++) {
        const type = TYPES[step] as string;
        for (const grantId of ids) await this.record(`grant-${grantId}`, type, grantData(type, grantId, step));
      }
    }
    this.grants = end;
  }

  /** Seals with core's `sealHistory`, as `grantledger seal` does; a second later than the last event. */
  async seal(): Promise<Seal> {
    this.clock += 1000;
    const sealed = await sealHistory(this.store, { commandId: randomUUID(), actor: "auditor@difi" }, new Date(this.clock).toISOString());
    if (E.isLeft(sealed)) throw new Error(`sealing the generated history failed: ${JSON.stringify(sealed.left, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))}`);
    return sealed.right;
  }

  /** `grants` grants after the round, sealed every `grantsPerSeal` grants (so the last seal ends the history). */
  static async generate(grants: number, grantsPerSeal: number): Promise<AuditHistory> {
    const history = new AuditHistory();
    await history.open();
    for (let done = 0; done < grants; done += grantsPerSeal) {
      await history.addGrants(Math.min(grantsPerSeal, grants - done));
      await history.seal();
    }
    return history;
  }

  private async record(streamName: string, type: string, data: JsonObject): Promise<void> {
    const tail = this.tails.get(streamName);
    const revision = tail === undefined ? 0n : tail.revision + 1n;
    const commandId = randomUUID();
    const unhashed = { commandId, correlationId: commandId, causationId: commandId, actor: "bench@difi", schemaVersion: 1, prevHash: tail?.hash ?? null };
    const id = randomUUID();
    const hash = computeEventHash({ streamName, revision, id, type, data, metadata: unhashed });
    this.clock += 1000;
    const appended = await this.store.appendToStream(
      streamName,
      [{ id, type, data, metadata: { ...unhashed, hash }, recordedAt: new Date(this.clock).toISOString() }],
      { expectedRevision: tail === undefined ? "no_stream" : tail.revision },
    )();
    if (E.isLeft(appended)) throw new Error(`appending the generated ${type} to ${streamName} failed: ${appended.left._tag}`);
    this.tails.set(streamName, { revision, hash });
    this.events += 1;
  }
}

/**
 * Writes the store's whole history to `path` as `grantledger export --format ndjson` does (every
 * event in global order, `formatHistoryLine`, a line each), in writes of about a mebibyte.
 * Returns how many lines.
 */
export const exportNdjson = async (store: EventStore, path: string): Promise<number> => {
  const out = createWriteStream(path);
  let lines = 0;
  let pending = "";
  const flush = async (): Promise<void> => {
    if (!out.write(pending)) await once(out, "drain");
    pending = "";
  };
  for await (const event of readAllPages(store, { pageSize: 10_000 })) {
    pending += `${formatHistoryLine(event)}\n`;
    lines += 1;
    if (pending.length >= 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, "finish");
  return lines;
};
