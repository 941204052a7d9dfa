/**
 * The test kit for deciders: `scenario(decider).given(events).when(command).then(events)`, in
 * plain values checked by the decider's codecs. A failure throws a `node:assert`
 * `AssertionError`, so it works under vitest, jest or `node --test`.
 *
 * @packageDocumentation
 */
export * from "./scenario.js";
export * from "./historicalFixtures.js";
export * from "./versionOneWriter.js";
