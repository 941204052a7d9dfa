#!/usr/bin/env node
import { runCli } from "./runCli.js";

// A reader that stops reading (`grantledger totals … | head -1`) closes the pipe: the command
// ends there, quietly and with status 0, as the reader got what it asked for.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// exitCode, not exit(): stdout may still be draining into a pipe or a file.
process.exitCode = await runCli(process.argv);
