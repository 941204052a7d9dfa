export * from "./projection.js";
export * from "./projectionError.js";
export * from "./persistentMap.js";
export * from "./foldRecorded.js";
export * from "./foldWithDrafts.js";
export * from "./projectAsOf.js";

export * from "./store/readModelStore.js";
export * from "./store/memoryReadModelStore.js";

export * from "./runner/projectionRunnerTypes.js";
export * from "./runner/projectionRunner.js";
export * from "./runner/runnerTelemetryNames.js";

export * from "./readModels/municipalityTotalsState.js";
export * from "./readModels/municipalityTotals.js";
export * from "./readModels/municipalityTotalsQueries.js";
export * from "./readModels/roundBudget.js";
export * from "./readModels/roundBudgetQueries.js";
export * from "./readModels/grantRegister.js";
export * from "./readModels/payees.js";
export * from "./readModels/grantScope.js";
export * from "./readModels/benefitFigures.js";
export * from "./readModels/benefitsRealisation.js";
export * from "./readModels/reportObligations.js";
export * from "./readModels/reportObligationsQueries.js";

export * from "./engine/readModelStates.js";
export * from "./engine/grantEngine.js";
export * from "./engine/engineProblems.js";

export * from "./persistentMapDiff.js";
export * from "./store/keyedRowsLayout.js";
export * from "./readModels/readModelLayouts.js";
export * from "./queries/pageRequest.js";
export * from "./queries/readModelQueries.js";
export * from "./queries/memoryReadModelQueries.js";

export * from "./explain/explainTypes.js";
export * from "./explain/explainError.js";
export * from "./explain/figureFields.js";
export * from "./explain/explainFigures.js";
export * from "./explain/explainProblems.js";
