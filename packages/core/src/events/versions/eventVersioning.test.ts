import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "../../store/recordedEvent.js";
import { decodeRecordedEvent, recordedEventDecodeFailure } from "../decodeEvent.js";
import { EVENT_CODECS } from "../domainEvent.js";
import { EVENT_VERSIONING, EVENT_VERSIONS } from "./builtInVersions.js";
import { createEventVersioning, currentVersion } from "./eventVersioning.js";
import { defineUpcaster } from "./upcaster.js";
import { upcastStoredEvent } from "./upcastStored.js";

const HASH = "a".repeat(64);
const stored = (type: string, data: Record<string, unknown>, schemaVersion: unknown): RecordedEvent => ({
  id: "0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68",
  streamName: "grant-ebygg",
  revision: 3n,
  position: 7n,
  recordedAt: "2009-09-01T07:00:00.000Z",
  type,
  data,
  metadata: { commandId: "pay", correlationId: "pay", causationId: "pay", actor: "økonomi@difi", schemaVersion, prevHash: HASH, hash: HASH },
});
const paymentV1 = { grantId: "ebygg", amount: 330_000_000, paymentRef: "P-2009-17", disbursedAt: "2009-12-31T23:30:00-01:00" };

describe("the built-in event versions", () => {
  it("name every event type, GrantDisbursed at version 2 and every other at 1", () => {
    expect(Object.keys(EVENT_VERSIONS).sort()).toEqual(Object.keys(EVENT_CODECS).sort());
    expect(Object.entries(EVENT_VERSIONS).filter(([, version]) => version !== 1)).toEqual([["GrantDisbursed", 2]]);
    expect(currentVersion(EVENT_VERSIONING, "GrantDisbursed")).toBe(2);
    expect(currentVersion(EVENT_VERSIONING, "SiteInspected")).toBe(1);
  });

  it("read a version-1 payment with the day of its disbursedAt, as written in its own zone, as value date; the stored event is not changed", () => {
    const event = stored("GrantDisbursed", paymentV1, 1);
    const copy = structuredClone(event);
    const decoded = decodeRecordedEvent(event);
    expect(decoded).toEqual(E.right({ recorded: event, event: { type: "GrantDisbursed", data: { ...paymentV1, valueDate: "2009-12-31" } }, metadata: event.metadata }));
    expect(event).toEqual(copy);
    expect(recordedEventDecodeFailure(event)).toBeUndefined();
  });

  it("read a version-2 payment as stored", () => {
    const data = { ...paymentV1, valueDate: "2010-01-04" };
    expect(upcastStoredEvent(stored("GrantDisbursed", data, 2), EVENT_VERSIONING)).toEqual(E.right(stored("GrantDisbursed", data, 2)));
  });

  it("refuse a version newer than they know, or none, as EventDecodeFailed naming stream, revision, type and version", () => {
    const at = { _tag: "EventDecodeFailed", streamName: "grant-ebygg", revision: 3n, position: 7n, type: "GrantDisbursed", path: "metadata.schemaVersion" };
    expect(decodeRecordedEvent(stored("GrantDisbursed", paymentV1, 3))).toEqual(
      E.left({ ...at, schemaVersion: 3, reason: "version 3 of GrantDisbursed is newer than this reader knows (its current version is 2)" }),
    );
    for (const version of [0, -1, 1.5]) {
      expect(decodeRecordedEvent(stored("GrantDisbursed", paymentV1, version))).toEqual(
        E.left({ ...at, schemaVersion: version, reason: `version ${version} is not a version of GrantDisbursed: its versions are 1 to 2` }),
      );
    }
    expect(decodeRecordedEvent(stored("GrantRejected", { grantId: "ebygg", reason: "x", rejectedAt: "2009-06-15T12:00:00+02:00" }, 2))).toEqual(
      E.left({ ...at, type: "GrantRejected", schemaVersion: 2, reason: "version 2 of GrantRejected is newer than this reader knows (its current version is 1)" }),
    );
    expect(recordedEventDecodeFailure(stored("GrantDisbursed", paymentV1, 3))).toEqual({ path: "metadata.schemaVersion", reason: "version 3 of GrantDisbursed is newer than this reader knows (its current version is 2)" });
  });

  it("refuse version-1 data that fails version 1's codec, naming its path and the version it was read as", () => {
    const failed = decodeRecordedEvent(stored("GrantDisbursed", { ...paymentV1, disbursedAt: "2009-12-31" }, 1));
    expect(failed).toMatchObject(E.left({ path: "event.data.disbursedAt", schemaVersion: 1, reason: expect.stringContaining("(read as version 1 of GrantDisbursed)") }));
    expect(decodeRecordedEvent(stored("GrantDisbursed", { ...paymentV1, valueDate: "2010-01-04" }, 1))).toMatchObject(E.left({ path: "event.data.valueDate" }));
  });
});

describe("createEventVersioning", () => {
  const InspectedV1 = t.type({ grantId: t.string, inspectedOn: t.string });
  const v1 = defineUpcaster("SiteInspected", 1, InspectedV1, (data) => ({ grantId: data.grantId, inspectedOn: data.inspectedOn, findings: [] as string[] }));
  const v2 = defineUpcaster("SiteInspected", 2, t.type({ grantId: t.string }), (data) => ({ ...data, inspector: "unknown" }));

  it("adds a user's event type and its chain to the built-in versions, and upcasts through every step", () => {
    const versioning = createEventVersioning({ versions: { SiteInspected: 3 }, upcasters: [v2, v1] }, EVENT_VERSIONING);
    if (E.isLeft(versioning)) throw new Error(versioning.left.reason);
    expect(currentVersion(versioning.right, "SiteInspected")).toBe(3);
    expect(currentVersion(versioning.right, "GrantDisbursed")).toBe(2);
    const event = stored("SiteInspected", { grantId: "ebygg", inspectedOn: "2010-05-01" }, 1);
    expect(upcastStoredEvent(event, versioning.right)).toEqual(
      E.right({ type: "SiteInspected", data: { grantId: "ebygg", inspectedOn: "2010-05-01", findings: [], inspector: "unknown" }, upcastFrom: 1 }),
    );
  });

  it("refuses a chain with a gap, a duplicate or an upcaster beyond the current version", () => {
    expect(createEventVersioning({ versions: { SiteInspected: 3 }, upcasters: [v2] })).toEqual(
      E.left({ _tag: "UpcasterChainBroken", type: "SiteInspected", reason: "version 3 has no upcaster from version 1" }),
    );
    expect(createEventVersioning({ versions: { SiteInspected: 2 }, upcasters: [v1, v1] })).toEqual(
      E.left({ _tag: "UpcasterChainBroken", type: "SiteInspected", reason: "2 upcasters read version 1" }),
    );
    expect(createEventVersioning({ versions: {}, upcasters: [v1] })).toEqual(
      E.left({ _tag: "UpcasterChainBroken", type: "SiteInspected", reason: "an upcaster reads version 1, but the current version is 1" }),
    );
    expect(createEventVersioning({ versions: { SiteInspected: 0 }, upcasters: [] })).toEqual(
      E.left({ _tag: "UpcasterChainBroken", type: "SiteInspected", reason: "its version 0 is not a whole number from 1" }),
    );
  });
});
