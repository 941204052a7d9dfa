import { hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { canonicalEventJson, type JsonObject } from "@grantledger/core";

/** A line of an exported history as `JSON.parse` gives it. */
interface ParsedLine {
  readonly streamName: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

const LF = 0x0a;

/** JSON.parse, the RFC 8785 canonical JSON of the hashed content, SHA-256: what no verifier can skip. */
const hashLine = (text: string): void => {
  const line = JSON.parse(text) as ParsedLine;
  const canonical = canonicalEventJson({ streamName: line.streamName, revision: BigInt(line.revision), id: line.id, type: line.type, data: line.data, metadata: line.metadata });
  const contentHash = hash("sha256", canonical, "hex");
  // Compared, so that the work is used and the floor checks what it hashed, as the verifier does.
  if (contentHash !== line.metadata["hash"]) throw new Error(`the floor found ${line.streamName}@${line.revision} not hashing to its hash`);
};

/**
 * The floor under `verifyHistoryFile`: the same file read the way the CLI reads it (a read
 * stream of 1 MiB chunks, lines cut at LF, each decoded as strict UTF-8, awaited once a chunk),
 * and for every line only {@link hashLine}. No canonical-form check of the line, no codecs, no
 * chains, no seals, no Merkle log. Returns how many lines.
 */
export const floorPass = async (path: string): Promise<number> => {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let rest: Buffer | undefined;
  let lines = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, start);
      if (lf === -1) {
        if (start < chunk.length) rest = rest === undefined ? chunk.subarray(start) : Buffer.concat([rest, chunk.subarray(start)]);
        break;
      }
      let bytes = chunk.subarray(start, lf);
      if (rest !== undefined) {
        bytes = Buffer.concat([rest, bytes]);
        rest = undefined;
      }
      hashLine(decoder.decode(bytes));
      lines += 1;
      start = lf + 1;
    }
  }
  if (rest !== undefined) {
    hashLine(decoder.decode(rest));
    lines += 1;
  }
  return lines;
};
