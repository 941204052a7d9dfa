import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../cliError.js";
import { REPO_ROOT } from "../testkit/runCliProcess.testkit.js";
import { copyToPrivateFile } from "./privateCopy.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "grantledger-copy-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (content: Buffer): string => createHash("sha256").update(content).digest("hex");

/** The import copies in the temporary directory now. */
const importDirs = async (): Promise<string[]> => (await readdir(tmpdir())).filter((name) => name.startsWith("grantledger-import-"));

describe("a private copy of a file", () => {
  it("holds the file byte for byte, in a fresh directory only its owner can enter, with the bytes' count and SHA-256", async () => {
    // Bytes no text reading would keep: invalid UTF-8, CR, a BOM, NUL; and more than one read chunk.
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0x0d, 0x00]), randomBytes(3 * 1024 * 1024 + 17)]);
    const source = join(dir, "source.ndjson");
    await writeFile(source, content);
    const copy = await copyToPrivateFile(source);
    try {
      // (Buffer#equals: a deep comparison of megabytes byte by byte would take seconds.)
      expect((await readFile(copy.path)).equals(content)).toBe(true);
      expect(copy.bytes).toBe(content.length);
      expect(copy.sha256).toBe(sha256(content));
      expect(dirname(dirname(copy.path))).toBe(tmpdir());
      expect(basename(dirname(copy.path))).toMatch(/^grantledger-import-/);
      expect((await stat(copy.path)).mode & 0o777).toBe(0o600);
      expect((await stat(dirname(copy.path))).mode & 0o777).toBe(0o700);
      expect(await readdir(dirname(copy.path))).toEqual([basename(copy.path)]);
    } finally {
      await copy.remove();
    }
    await expect(stat(copy.path)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(stat(dirname(copy.path))).rejects.toMatchObject({ code: "ENOENT" });
    await copy.remove(); // again: nothing to do
  });

  it("does not change when the source does afterwards", async () => {
    const source = join(dir, "changing.ndjson");
    await writeFile(source, "first\n");
    const copy = await copyToPrivateFile(source);
    try {
      await writeFile(source, "second, longer\n");
      expect(await readFile(copy.path, "utf8")).toBe("first\n");
      expect(copy.sha256).toBe(sha256(Buffer.from("first\n")));
    } finally {
      await copy.remove();
    }
  });

  it("copies an empty file", async () => {
    const source = join(dir, "empty.ndjson");
    await writeFile(source, "");
    const copy = await copyToPrivateFile(source);
    try {
      expect(copy.bytes).toBe(0);
      expect(copy.sha256).toBe(sha256(Buffer.alloc(0)));
      expect(await readFile(copy.path)).toEqual(Buffer.alloc(0));
    } finally {
      await copy.remove();
    }
  });

  it("reads a FIFO once, a writer writing then closing", async () => {
    const fifo = join(dir, "history.fifo");
    execFileSync("mkfifo", [fifo]);
    const content = randomBytes(2 * 1024 * 1024 + 3);
    const writer = writeFile(fifo, content);
    const copy = await copyToPrivateFile(fifo);
    try {
      await writer;
      expect(copy.bytes).toBe(content.length);
      expect(copy.sha256).toBe(sha256(content));
      expect((await readFile(copy.path)).equals(content)).toBe(true);
    } finally {
      await copy.remove();
    }
  });

  it("says in one line why it cannot read the source, and leaves nothing behind", async () => {
    const before = await importDirs();
    const missing = join(dir, "missing.ndjson");
    await expect(copyToPrivateFile(missing)).rejects.toThrow(new CliError(`cannot read ${missing}: no such file`));
    const sub = join(dir, "sub");
    await mkdir(sub);
    await expect(copyToPrivateFile(sub)).rejects.toThrow(new CliError(`cannot read ${sub}: it is a directory`));
    expect(await importDirs()).toEqual(before);
  });

  it("says so when the source may not be read", async () => {
    const locked = join(dir, "locked.ndjson");
    await writeFile(locked, "secret\n");
    await chmod(locked, 0o600);
    if (process.getuid?.() !== 0) {
      await chmod(locked, 0o000);
      await expect(copyToPrivateFile(locked)).rejects.toThrow(new CliError(`cannot read ${locked}: permission denied`));
      return;
    }
    // Root may read anything: try as nobody, in a process of its own, a file only root may read.
    await chmod(dir, 0o755);
    const script =
      "const { copyToPrivateFile } = await import(process.argv[1]);" +
      "try { await copyToPrivateFile(process.argv[2]); console.log('copied'); } catch (error) { console.log(`${error.name}: ${error.message}`); }";
    const printed = execFileSync(
      process.execPath,
      ["--import", "tsx", "--conditions=@grantledger/source", "--input-type=module", "-e", script, fileURLToPath(new URL("./privateCopy.ts", import.meta.url)), locked],
      { uid: 65534, gid: 65534, cwd: REPO_ROOT, encoding: "utf8" },
    );
    expect(printed).toBe(`CliError: cannot read ${locked}: permission denied\n`);
  });
});
