import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

it("starts from the environment, refuses a bad one, and stops gracefully on SIGTERM", async () => {
  const main = path.join(import.meta.dirname, "main.ts");
  const run = (env: Record<string, string>) =>
    spawn(process.execPath, ["--conditions=@org/source", "--import", "tsx", main], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });

  const bad = run({ PORT: "not-a-port", DATABASE_URL: "mysql://nope" });
  let badError = "";
  bad.stderr.on("data", (chunk: Buffer) => {
    badError += chunk.toString();
  });
  expect(await new Promise((resolve) => bad.once("exit", resolve))).toBe(2);
  expect(badError).toMatch(
    /Invalid configuration:\n\s+PORT: .*\n\s+DATABASE_URL: DATABASE_URL must start with postgres:\/\//,
  );

  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), "ats-main-"));
  const app = run({
    PORT: String(port),
    DATA_DIR: path.join(dir, "pglite"),
    OUTBOX_DIR: path.join(dir, "outbox"),
    IMPORTS_DIR: path.join(dir, "imports"),
    LOG_LEVEL: "info",
  });
  let logs = "";
  app.stdout.on("data", (chunk: Buffer) => {
    logs += chunk.toString();
  });
  for (let i = 0; i < 300 && !logs.includes('"message":"listening"'); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
  app.kill("SIGTERM");
  expect(await new Promise((resolve) => app.once("exit", resolve))).toBe(0);
  expect(logs).toContain('"message":"shutting down"');
  expect(logs).toContain('"message":"stopped"');
  await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
}, 60_000);
