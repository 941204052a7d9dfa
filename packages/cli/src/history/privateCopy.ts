import { createHash } from "node:crypto";
import { mkdtemp, open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError, oneLine } from "../cliError.js";
import { fileChunks } from "./lineReader.js";

/** A private copy of a file: the bytes read from it, once, in a file only this process writes. */
export interface PrivateCopy {
  /** The copy, in a fresh directory of its own (mode 0700), itself mode 0600. */
  readonly path: string;
  /** How many bytes were read, and written. */
  readonly bytes: number;
  /** SHA-256, lower-case hex, of those bytes. */
  readonly sha256: string;
  /** Deletes the copy and its directory; calling it again does nothing. */
  remove(): Promise<void>;
}

const writeAll = async (handle: FileHandle, chunk: Buffer): Promise<void> => {
  let written = 0;
  while (written < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
    written += bytesWritten;
  }
};

/**
 * Copies `path` byte for byte into a new file in a fresh `grantledger-import-` directory under
 * the system's temporary directory, reading the source exactly once as a stream (so a FIFO or a
 * file being rewritten gives one definite content), and hashing as it goes. `import` verifies
 * and appends that copy, so what it appends is exactly what it verified, whatever happens to
 * the source meanwhile. A source that cannot be read is a one-line `CliError`
 * (`cannot read <path>: no such file`), and nothing is left behind.
 */
export const copyToPrivateFile = async (path: string): Promise<PrivateCopy> => {
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), "grantledger-import-"));
  } catch (error) {
    throw new CliError(`cannot make a private copy of ${path}: ${oneLine(error)}`);
  }
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const copyPath = join(dir, "history.ndjson");
  try {
    // mkdtemp makes the directory 0700. The file is new (`wx`: created here, never an existing one), 0600 exactly.
    const handle = await open(copyPath, "wx", 0o600);
    const digest = createHash("sha256");
    let bytes = 0;
    try {
      await handle.chmod(0o600);
      for await (const chunk of fileChunks(path)) {
        digest.update(chunk);
        bytes += chunk.length;
        try {
          await writeAll(handle, chunk);
        } catch (error) {
          throw new CliError(`cannot write a private copy of ${path} to ${copyPath}: ${oneLine(error)}`);
        }
      }
    } finally {
      await handle.close();
    }
    return { path: copyPath, bytes, sha256: digest.digest("hex"), remove };
  } catch (error) {
    await remove();
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot make a private copy of ${path}: ${oneLine(error)}`);
  }
};
