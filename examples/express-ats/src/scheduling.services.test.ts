import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, expect, it } from "vitest";
import { AppConfigSchema } from "./config";
import { migrate } from "./db/migrations";
import { openScratchPostgres } from "./db/test-postgres";
import { createLogger } from "./logger";
import { startServer } from "./server";

// Needs PostgreSQL and Redis: `pnpm test:services`. With REDIS_URL the app schedules imports on BullMQ.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it("schedules a company's imports on BullMQ when REDIS_URL is set, and runs the missed slot once on start", async () => {
  const { db, url, drop } = await openScratchPostgres();
  cleanups.push(drop);
  await migrate(db);
  const importsDir = await mkdtemp(path.join(tmpdir(), "ats-imports-"));
  const tenant = `sched-${process.pid}-${Date.now()}`;
  await db.query("INSERT INTO tenants (id, name, settings) VALUES ($1, 'Scheduled Co', $2)", [
    tenant,
    JSON.stringify({
      imports: {
        // Every half hour: one is always due, so starting the app catches it up.
        schedule: { slots: ["00:00", "06:00", "12:00", "18:00"], startDate: "2026-01-01" },
        recipients: { to: ["hr@example.jp"] },
        accounts: [{ id: "acc-ambi", board: "ambi", login: "ambi-login", enabled: true }],
      },
    }),
  ]);
  await mkdir(path.join(importsDir, tenant, "acc-ambi"), { recursive: true });
  await writeFile(
    path.join(importsDir, tenant, "acc-ambi", "export.csv"),
    `応募ID,氏名,応募日時\nA-1,山田 太郎,${new Date().toISOString()}\n`,
  );
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const config = AppConfigSchema.parse({
    PORT: "0",
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    IMPORTS_DIR: importsDir,
    OUTBOX_DIR: await mkdtemp(path.join(tmpdir(), "ats-outbox-")),
  });
  const logs: string[] = [];
  const server = await startServer(config, { logger: createLogger("info", {}, (line) => logs.push(line)) });
  cleanups.push(async () => {
    const redis = new URL(redisUrl);
    const queue = new Queue("robo-import", {
      connection: { host: redis.hostname, port: Number(redis.port || 6379) },
    });
    for (const job of await queue.getJobs(["completed", "failed", "waiting", "active", "delayed"]))
      if (job.id?.startsWith(encodeURIComponent(tenant))) await job.remove();
    await queue.close();
  });
  try {
    expect(logs.some((line) => line.includes('"backend":"bullmq"'))).toBe(true);
    let runs: { trigger: string }[] = [];
    for (let i = 0; i < 100 && runs.length === 0; i++) {
      ({ rows: runs } = await db.query<{ trigger: string }>(
        "SELECT trigger FROM import_runs WHERE tenant_id = $1",
        [tenant],
      ));
      if (runs.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(runs).toEqual([{ trigger: expect.stringMatching(/^catch-up of slot \d\d:\d\d$/) }]);
    const { rows } = await db.query<{ external_id: string }>(
      "SELECT external_id FROM applications WHERE tenant_id = $1",
      [tenant],
    );
    expect(rows).toEqual([{ external_id: "A-1" }]);
  } finally {
    await server.stop();
  }
}, 60_000);
