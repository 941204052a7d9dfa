import { perSecond, timeMs } from "../lib/rounds.js";
import { createScratchDatabase, postgresAdminUrl } from "../lib/scratchDatabase.js";
import { startServiceProcess, type ServiceProcess } from "../lib/serviceProcess.js";
import type { ResultRow, Workload } from "../lib/workload.js";

const PROCESS_COUNTS = [1, 2, 4] as const;
const GRANTS = 300;
/** Requests in flight at once, the same for every process count: only the processes change. */
const IN_FLIGHT = 16;
const ROUND = "skalering";

const post = async (base: string, path: string, body: unknown, actor: string): Promise<void> => {
  const answer = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-actor": actor }, body: JSON.stringify(body) });
  // 201 for what creates a resource, 200 for a step on one; a replay would mean work not done.
  if (!answer.ok || answer.headers.has("idempotent-replayed")) throw new Error(`POST ${path}: ${answer.status} ${await answer.text()}`);
};

/** One grant's life through the service: applied, evaluated, awarded, paid (four commands). */
const grantThrough = async (base: string, grantId: string): Promise<void> => {
  await post(
    base,
    "/grants",
    {
      grantId,
      roundId: ROUND,
      applicant: { orgNo: "964338531", name: "Bergen kommune", kind: "municipality" },
      participants: [{ kind: "municipality", municipalityNo: "1201", name: "Bergen", shareBps: 10_000 }],
      project: { title: `Prosjekt ${grantId}` },
      totalCost: 5_000_000,
      requested: 1_000_000,
      appliedAt: "2009-04-01T10:00:00+02:00",
    },
    "saksbehandler@difi",
  );
  await post(base, `/grants/${grantId}/evaluation`, { score: 80, recommendation: "award", evaluator: "Difi fagpanel", evaluatedAt: "2009-05-01T10:00:00+02:00" }, "fagpanel@difi");
  await post(base, `/grants/${grantId}/award`, { amount: 1_000_000, disbursementPlan: [{ due: "2009-09-01", amount: 1_000_000 }], conditions: [], awardedAt: "2009-06-15T12:00:00+02:00" }, "direktor@difi");
  await post(base, `/grants/${grantId}/disbursements`, { amount: 1_000_000, paymentRef: `P-${grantId}`, disbursedAt: "2009-09-01T12:00:00+02:00" }, "utbetaling@difi");
};

/** Commands per second with `processes` services on one fresh database, {@link IN_FLIGHT} grants at a time spread over them. */
const commandsPerSecond = async (adminUrl: string, processes: number, log: (line: string) => void): Promise<number> => {
  const database = await createScratchDatabase(adminUrl, `scaling${processes}`);
  const services: ServiceProcess[] = [];
  try {
    // The first migrates the new database; the others start on it once it is there.
    services.push(await startServiceProcess(database.url));
    services.push(...(await Promise.all(Array.from({ length: processes - 1 }, () => startServiceProcess(database.url)))));
    const first = services[0] as ServiceProcess;
    await post(
      first.url,
      "/rounds",
      {
        roundId: ROUND,
        name: "Skalering",
        funder: { orgNo: "991825827", name: "Direktoratet for forvaltning og IKT" },
        budget: GRANTS * 1_000_000,
        policy: { maxShareBps: 2000, eligibleApplicants: ["municipality"], requiresBenefitsPlan: false, reportBeforeNextTranche: false },
        applicationDeadline: "2099-12-31T23:59:59+01:00",
        disbursementWindow: { from: "2009-01-01", to: "2011-12-31" },
      },
      "saksbehandler@difi",
    );
    let next = 0;
    const worker = async (index: number): Promise<void> => {
      const base = (services[index % services.length] as ServiceProcess).url;
      for (let grant = next++; grant < GRANTS; grant = next++) await grantThrough(base, `g${grant}`);
    };
    const ms = await timeMs(() => Promise.all(Array.from({ length: IN_FLIGHT }, (_, index) => worker(index))).then(() => undefined));
    const rate = perSecond(GRANTS * 4, ms);
    log(`  ${processes} process${processes === 1 ? "" : "es"}: ${(GRANTS * 4).toLocaleString("en-US")} commands in ${(ms / 1000).toFixed(1)} s, ${rate.toFixed(0)} commands/s`);
    return rate;
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await database.drop();
  }
};

const NAMES = PROCESS_COUNTS.map((processes) => `service-commands-${processes}p`);

export const serviceScaling: Workload = {
  name: "service-scaling",
  measures: `commands/s through the example service with 1, 2 and 4 processes on one PostgreSQL database (GRANTLEDGER_PG_URL, a fresh database each): ${GRANTS} grants applied, evaluated, awarded and paid in one round, ${IN_FLIGHT} grants in flight spread over the processes; the ratio is against 1 process`,
  run: async (log) => {
    const server = await postgresAdminUrl(log);
    if ("skipped" in server) {
      return NAMES.map((name) => ({ name, unit: "commands/s", ours: null, peer: null, peerLabel: "1 process", ratio: null, target: "measured", met: null, note: server.skipped }));
    }
    const adminUrl = server.url;
    const rates: number[] = [];
    for (const processes of PROCESS_COUNTS) rates.push(await commandsPerSecond(adminUrl, processes, log));
    const one = rates[0] ?? 0;
    return PROCESS_COUNTS.map((processes, index): ResultRow => ({
      name: NAMES[index] ?? "",
      unit: "commands/s",
      ours: Math.round(rates[index] ?? 0),
      peer: Math.round(one),
      peerLabel: "1 process",
      ratio: (rates[index] ?? 0) / one,
      target: "measured",
      met: null,
      note: processes === 1 ? "the baseline" : `${processes} processes on a 2-core machine share its cores with PostgreSQL and the load generator`,
    }));
  },
};
