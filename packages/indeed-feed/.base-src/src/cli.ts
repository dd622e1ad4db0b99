#!/usr/bin/env node
import { runCli } from "./cli-main";

// The `indeed-feed` bin: `indeed-feed lint <file|url>`. All logic lives in cli-main.ts, which the tests drive.
runCli(process.argv.slice(2), process).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`indeed-feed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
