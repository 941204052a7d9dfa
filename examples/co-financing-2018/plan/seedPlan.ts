import { AWARDED_PROJECTS } from "../data/awardedProjects.js";
import { REFUSED_APPLICATIONS } from "../data/refusedApplications.js";
import { REJECTED_APPLICATIONS } from "../data/rejectedApplications.js";
import { applyStep, awardStep, evaluateStep, rejectStep } from "./applicationSteps.js";
import { disburseSteps, reportSteps } from "./followUpSteps.js";
import { awardWithoutPlanStep, earlyTrancheStep, refusedApplyStep } from "./refusalSteps.js";
import { closeRoundStep, openRoundStep } from "./roundSteps.js";
import type { SeedStep } from "./seedStep.js";

const projectByKey = (key: string) => {
  const spec = AWARDED_PROJECTS.find((project) => project.key === key);
  if (spec === undefined) throw new Error(`no awarded project ${key}`);
  return spec;
};

/**
 * Every command of the example, in the order they happen. Steps are built per application and
 * then sorted by time (stable, so the order of building breaks ties), which interleaves them as
 * a real round would: applications in January, evaluations in February, decisions on one day in
 * March, then payments and yearly reports until February 2021.
 */
export const seedPlan = (): readonly SeedStep[] => {
  const evaluated = [...AWARDED_PROJECTS, ...REJECTED_APPLICATIONS];
  const steps: SeedStep[] = [openRoundStep()];
  evaluated.forEach((spec, index) => steps.push(applyStep(spec, index)));
  REFUSED_APPLICATIONS.forEach((spec, index) => steps.push(refusedApplyStep(spec, evaluated.length + index)));
  evaluated.forEach((spec, index) => steps.push(evaluateStep(spec, index)));
  steps.push(awardWithoutPlanStep(projectByKey("mattilsynet-tilsynsrapporter")));
  // The best-scored projects are decided first, as a ranking would have it.
  [...AWARDED_PROJECTS].sort((a, b) => b.score - a.score).forEach((spec, order) => steps.push(awardStep(spec, order)));
  REJECTED_APPLICATIONS.forEach((spec, order) => steps.push(rejectStep(spec, order)));
  steps.push(closeRoundStep());
  steps.push(earlyTrancheStep(projectByKey("vegvesen-forerkort")));
  AWARDED_PROJECTS.forEach((spec, order) => steps.push(...disburseSteps(spec, order), ...reportSteps(spec, order)));
  return steps
    .map((step, position) => ({ step, position, instant: Date.parse(step.at) }))
    .sort((a, b) => a.instant - b.instant || a.position - b.position)
    .map(({ step }) => step);
};
