import { cpus, totalmem } from "node:os";

/** The machine a run was made on, as the table's heading and results.json say it. */
export const describeMachine = (): string => {
  const all = cpus();
  const model = all[0]?.model.trim() ?? "unknown CPU";
  const memory = (totalmem() / 2 ** 30).toFixed(0);
  return `${model}, ${all.length} cores, ${memory} GiB`;
};
