import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { verifyHistory } from "../audit/verifyHistory.js";
import { decodeRecordedEventWith } from "../events/eventDefinitions.js";
import { HISTORICAL_FIXTURES } from "../testing/historicalFixtures.js";
import { EntityId } from "../values/text.js";
import { application, context, createTestStore, crisisRound, ledgerOver, must } from "./ledger.testkit.js";
import { createStreamHandler } from "./streamHandler.js";
import { defineStreamType } from "./streamType.js";

// A stream type of its own, small: notes on a grant's file, counted per stream.
const NoteAdded = t.type({ fileId: EntityId, grantId: EntityId, text: t.string, notedAt: t.string });
// The same streams as a type that only reads them: what `files` reads another file through.
const readOnlyFiles = defineStreamType({
  name: "file",
  streamName: (id) => `file-${id}`,
  events: { NoteAdded },
  commands: {},
  streamId: () => "",
  initialState: { notes: 0 },
  evolve: (state) => ({ notes: state.notes + 1 }),
  decide: () => E.right([]),
});
const files = defineStreamType({
  name: "file",
  streamName: (id) => `file-${id}`,
  events: { NoteAdded },
  commands: { AddNote: NoteAdded, AddBrokenNote: NoteAdded, AddNoteAbout: t.type({ fileId: EntityId, grantId: EntityId, text: t.string, notedAt: t.string, other: EntityId }) },
  streamId: (command) => command.data.fileId,
  initialState: { notes: 0 },
  evolve: (state) => ({ notes: state.notes + 1 }),
  decide: async (command, _state, reads) => {
    if (command.type === "AddBrokenNote") return E.right([{ type: "NoteAdded" as const, data: { ...command.data, grantId: "" as EntityId } }]);
    if (command.type === "AddNoteAbout") {
      const other = await reads.stream(readOnlyFiles, command.data.other);
      if (E.isLeft(other)) return other;
      return E.right([{ type: "NoteAdded" as const, data: { ...command.data, text: `${command.data.text} (${other.right.notes} notes there)` } }]);
    }
    const grant = await reads.grant(command.data.grantId);
    if (E.isLeft(grant)) return grant;
    return E.right([{ type: "NoteAdded" as const, data: { ...command.data, text: `${command.data.text} [${grant.right.status}]` } }]);
  },
});

const note = (fileId: string, text = "called the applicant") => ({ fileId, grantId: "g1", text, notedAt: "2009-05-01T10:00:00Z" });

describe("a stream type of one's own", () => {
  it("decides with reads of grants and of its own streams, and folds its streams", async () => {
    const store = createTestStore();
    const ledger = ledgerOver(store);
    await must(ledger.openRound(crisisRound(), context()));
    await must(ledger.applyForGrant(application("g1"), context()));
    const handler = createStreamHandler(files, { store, historical: HISTORICAL_FIXTURES });
    const added = await must(handler.execute({ type: "AddNote", data: note("f1") }, context()));
    expect(added.events.map((e) => e.event.data.text)).toEqual(["called the applicant [applied]"]);
    await must(handler.execute({ type: "AddNoteAbout", data: { ...note("f2"), other: "f1" } }, context()));
    expect(await must(handler.read("f1"))).toEqual({ notes: 1 });
    expect(await must(handler.read("f2"))).toEqual({ notes: 1 });
    const f2 = store.log.find((e) => e.streamName === "file-f2");
    expect(f2?.data["text"]).toBe("called the applicant (1 notes there)");
    // Decoded and verified by its codecs beside the catalogue's events.
    const decode = decodeRecordedEventWith(files.events);
    expect(store.log.map((e) => E.isRight(decode(e)))).toEqual(store.log.map(() => true));
    expect(await verifyHistory(store.log, { codecs: files.events })).toMatchObject(E.right({ events: store.log.length, streams: 4 }));
  });

  it("writes no event its codec would refuse, and no business time after the clock", async () => {
    const store = createTestStore();
    expect(await createStreamHandler(files, { store }).execute({ type: "AddBrokenNote", data: note("f1") }, context())()).toMatchObject(E.left({ _tag: "InvalidCommand", command: "NoteAdded", path: "data.grantId" }));
    const early = createStreamHandler(files, { store, clock: () => new Date("2009-05-01T09:00:00Z") });
    expect(await early.execute({ type: "AddNote", data: note("f1") }, context())()).toMatchObject(E.left({ _tag: "BusinessTimeInFuture", command: "AddNote", field: "data.notedAt" }));
    expect(store.log).toHaveLength(0);
  });

  it("may not write to grantledger's own streams", async () => {
    const store = createTestStore();
    const intruder = defineStreamType({ ...files, name: "intruder", streamName: (id) => `grant-${id}` });
    const refused = await createStreamHandler(intruder, { store }).execute({ type: "AddNote", data: { ...note("g1"), notedAt: "2009-05-01T10:00:00Z" } }, context())();
    expect(refused).toMatchObject(E.left({ _tag: "InvalidCommand", command: "AddNote", reason: expect.stringContaining('stream "grant-g1" is one of grantledger\'s own') }));
    expect(store.log).toHaveLength(0);
  });

  it("is refused at definition for event types that are not its own", () => {
    // Definitions a JavaScript caller (or a cast) could give: checked when defined, not when first used.
    const withEvents = (events: unknown) => () => defineStreamType({ ...files, events } as unknown as typeof files);
    expect(withEvents({ GrantAwarded: NoteAdded })).toThrow(/"GrantAwarded" is one of grantledger's own/);
    expect(withEvents({ SealRecorded: NoteAdded })).toThrow(/"SealRecorded" is one of grantledger's own/);
    expect(withEvents({ $all: NoteAdded })).toThrow(/not a name of its own/);
    expect(withEvents({ NoteAdded: { decode: 1 } })).toThrow(/not an io-ts codec/);
    expect(withEvents({})).toThrow(/has no event types/);
    expect(() => defineStreamType({ ...files, name: " " })).toThrow(/needs a name/);
  });
});
