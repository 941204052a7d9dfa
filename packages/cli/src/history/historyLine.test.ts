import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "@grantledger/core";
import { formatHistoryLine, HistoryLineError, parseHistoryLine } from "./historyLine.js";

const event: RecordedEvent = {
  streamName: "grant-ebygg",
  revision: 2n,
  position: 9_007_199_254_740_993n, // 2^53 + 1: a float cannot hold it
  id: "0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68",
  type: "GrantAwarded",
  data: { grantId: "ebygg", amount: 330000000, conditions: ["Sluttrapport"] },
  metadata: { commandId: "award-ebygg", actor: "direktør@difi", prevHash: null },
  recordedAt: "2009-06-19T10:00:00.000Z",
};

describe("a line of an exported history", () => {
  it("has DESIGN.md's keys in order, integers as integers, data and metadata in canonical form", () => {
    expect(formatHistoryLine(event)).toBe(
      '{"streamName":"grant-ebygg","revision":2,"position":9007199254740993,"id":"0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68","type":"GrantAwarded",' +
        '"data":{"amount":330000000,"conditions":["Sluttrapport"],"grantId":"ebygg"},' +
        '"metadata":{"actor":"direktør@difi","commandId":"award-ebygg","prevHash":null},"recordedAt":"2009-06-19T10:00:00.000Z"}',
    );
  });

  it("reads back exactly, a position beyond 2^53 included", () => {
    const parsed = parseHistoryLine(formatHistoryLine(event), 1);
    expect(parsed).toEqual({ ...event, data: { amount: 330000000, conditions: ["Sluttrapport"], grantId: "ebygg" } });
    expect(parsed.position).toBe(9_007_199_254_740_993n);
  });

  it("reads a line with its keys in another order", () => {
    const line = JSON.stringify({ id: event.id, type: event.type, streamName: "s", position: 7, revision: 0, data: {}, metadata: {}, recordedAt: "t" });
    expect(parseHistoryLine(line, 1)).toMatchObject({ streamName: "s", revision: 0n, position: 7n });
  });

  it.each([
    ["{not json", /^not JSON/],
    ["[1,2]", /^not a JSON object$/],
    ['{"streamName":"s"}', /^no revision$/],
    [formatHistoryLine(event).replace('"revision":2', '"revision":-1'), /^revision is not a non-negative JSON integer: -1$/],
    [formatHistoryLine(event).replace('"revision":2', '"revision":"2"'), /^revision is not a non-negative JSON integer: "2"$/],
    [formatHistoryLine(event).replace('"position":9007199254740993', '"position":1.5'), /^position is not a non-negative JSON integer: 1.5$/],
    [formatHistoryLine(event).replace('"data":{', '"data":[{').replace(',"metadata"', '],"metadata"').replace('"grantId":"ebygg"}', '"grantId":"ebygg"}'), /^data is not a JSON object$/],
    [formatHistoryLine(event).replace('"recordedAt"', '"extra":1,"recordedAt"'), /^unexpected key "extra"$/],
    [formatHistoryLine(event).replace('"streamName":"grant-ebygg"', '"streamName":""'), /^streamName is not a non-empty string$/],
  ])("refuses %s, naming what is wrong", (line, reason) => {
    expect(() => parseHistoryLine(line, 17)).toThrow(HistoryLineError);
    try {
      parseHistoryLine(line, 17);
    } catch (error) {
      expect((error as HistoryLineError).line).toBe(17);
      expect((error as HistoryLineError).message).toMatch(reason);
    }
  });
});
