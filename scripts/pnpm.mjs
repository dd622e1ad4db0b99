// Runs pnpm 10 with the given arguments: the machine's own pnpm when it is version 10,
// otherwise pnpm 10 fetched by npx (corepack cannot be used here: see docs/development.md).
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const installed = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
const hasPnpm10 = installed.status === 0 && installed.stdout.trim().startsWith("10.");
const [command, commandArgs] = hasPnpm10 ? ["pnpm", args] : ["npx", ["--yes", "pnpm@10", ...args]];
const result = spawnSync(command, commandArgs, { stdio: "inherit", shell: process.platform === "win32" });
process.exit(result.status ?? 1);
