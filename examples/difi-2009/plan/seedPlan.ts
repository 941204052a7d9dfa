import { AWARDED_PROJECTS } from "../data/projects.js";
import { REJECTED_APPLICATIONS } from "../data/rejectedApplications.js";
import { applyStep, awardStep, evaluateAwardedStep, evaluateRejectedStep, rejectStep } from "./applicationSteps.js";
import { disburseSteps, reportSteps } from "./paymentSteps.js";
import { closeRoundStep, openRoundStep } from "./roundSteps.js";
import type { SeedStep } from "./seedStep.js";
import { storySteps } from "./storySteps.js";

/**
 * Every command of the demo, in the order they happen. Steps are built per application and then
 * sorted by time (stable, so the order of building breaks ties), which interleaves them as a real
 * round would: applications arrive in March, evaluations in April and May, decisions on one day,
 * then the rest of 2009 (acceptances, an appeal, a reversal, an early closing, a repayment,
 * round 2 with the carry-over), and payments and reports over 2009-2011.
 */
export const seedPlan = (): readonly SeedStep[] => {
  // Application dates cycle through March by position here, so the rejected ones arrive among the others.
  const applications = [...AWARDED_PROJECTS, ...REJECTED_APPLICATIONS];
  const indexOf = (key: string): number => applications.findIndex((spec) => spec.key === key);
  const steps: SeedStep[] = [openRoundStep()];
  applications.forEach((spec, index) => steps.push(applyStep(spec, index)));
  AWARDED_PROJECTS.forEach((spec) => steps.push(evaluateAwardedStep(spec, indexOf(spec.key))));
  REJECTED_APPLICATIONS.forEach((spec, order) => steps.push(evaluateRejectedStep(spec, indexOf(spec.key), order)));
  AWARDED_PROJECTS.forEach((spec, order) => steps.push(awardStep(spec, order)));
  REJECTED_APPLICATIONS.forEach((spec, order) => steps.push(rejectStep(spec, order)));
  steps.push(closeRoundStep());
  AWARDED_PROJECTS.forEach((spec, order) => steps.push(...disburseSteps(spec, order), ...reportSteps(spec, order)));
  steps.push(...storySteps());
  return steps
    .map((step, position) => ({ step, position, instant: Date.parse(step.at) }))
    .sort((a, b) => a.instant - b.instant || a.position - b.position)
    .map(({ step }) => step);
};
