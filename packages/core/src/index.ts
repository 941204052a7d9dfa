/**
 * The domain: money and the other values, the event codecs, the pure deciders for rounds and
 * grants, the `EventStore` port, the command handler and the audit trail. The test kit for
 * deciders is the `@grantledger/core/testing` subpath.
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */
export * from "./values/money.js";
export * from "./values/basisPoints.js";
export * from "./values/apportion.js";
export * from "./values/organisationNumber.js";
export * from "./values/regionNumbers.js";
export * from "./values/isoTime.js";
export * from "./values/calendarDay.js";
export * from "./values/text.js";
export * from "./values/sha256Hex.js";

export * from "./store/expectedRevision.js";
export * from "./store/recordedEvent.js";
export * from "./store/recordedTime.js";
export * from "./store/storeErrors.js";
export * from "./store/eventStore.js";
export * from "./store/readAllPages.js";

export * from "./events/parties.js";
export * from "./events/benefits.js";
export * from "./events/roundEvents.js";
export * from "./events/grantEvents.js";
export * from "./events/grantLifecycleEvents.js";
export * from "./events/eventMetadata.js";
export * from "./events/domainEvent.js";
export * from "./events/decodeEvent.js";
export * from "./events/businessTime.js";
export * from "./events/eventDefinitions.js";
export * from "./events/versions/upcaster.js";
export * from "./events/versions/eventVersioning.js";
export * from "./events/versions/upcastStored.js";
export * from "./events/versions/grantDisbursedV1.js";
export * from "./events/versions/builtInVersions.js";

export * from "./deciders/decider.js";
export * from "./deciders/commands.js";
export * from "./deciders/roundErrors.js";
export * from "./deciders/grantErrors.js";
export * from "./deciders/lifecycleErrors.js";
export * from "./deciders/roundState.js";
export * from "./deciders/grantState.js";
export * from "./deciders/roundDecider.js";
export * from "./deciders/grantDecider.js";

export * from "./audit/eventHash.js";
export * from "./audit/merkleLog.js";
export * from "./audit/logLeaf.js";
export * from "./audit/streamHeads.js";
export * from "./audit/sealRecorded.js";
export * from "./audit/decodeSeal.js";
export * from "./audit/sealSignature.js";
export * from "./audit/logProofs.js";
export * from "./audit/historyBreak.js";
export * from "./audit/verifyHistory.js";
export * from "./audit/sealHistory.js";
export * from "./audit/autoSeal.js";
export * from "./audit/ruleReplay.js";
export * from "./audit/canonicalJson.js";

export * from "./handler/commandContext.js";
export * from "./handler/commandOutcome.js";
export * from "./handler/handlerErrors.js";
export * from "./handler/ledgerClock.js";
export * from "./handler/retryPolicy.js";
export * from "./handler/eventIds.js";
export * from "./handler/streamModels.js";
export * from "./handler/loadStream.js";
export * from "./handler/grantLedger.js";
export * from "./handler/promiseMethods.js";
export * from "./handler/inputLimits.js";

export * from "./problems/problem.js";
export * from "./problems/problemRule.js";
export * from "./problems/grantProblems.js";
export * from "./problems/lifecycleProblems.js";
export * from "./problems/roundProblems.js";
export * from "./problems/handlerProblems.js";
export * from "./problems/ledgerProblems.js";
export * from "./telemetry/telemetryOptions.js";
export * from "./telemetry/telemetryNames.js";
export * from "./handler/streamType.js";
export * from "./handler/streamHandler.js";
export * from "./personal/sealedText.js";
export * from "./personal/personalDataKeys.js";
export * from "./personal/memoryPersonalDataKeys.js";
export * from "./personal/sealCipher.js";
export * from "./personal/personalFields.js";
export * from "./personal/sealPersonalData.js";
export * from "./personal/revealPersonalData.js";
