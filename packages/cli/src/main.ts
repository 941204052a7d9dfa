#!/usr/bin/env node
import { runCli } from "./runCli.js";

// exitCode, not exit(): stdout may still be draining into a pipe or a file.
process.exitCode = await runCli(process.argv);
