import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { Queue } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { BullMqImportScheduler } from "./bullmq-scheduler";
import { parseImportSchedule } from "./schedule";
import type { ScheduledRun } from "./scheduled-run";

// Needs the Redis service (127.0.0.1:6379, or REDIS_URL): `pnpm test:services`.
const redisUrl = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) };
const schedule = parseImportSchedule({ slots: ["09:00", "18:00"], startDate: "2026-11-01" });
const NOW = "2026-11-21T10:00:00+09:00";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function uniqueQueue() {
  const name = `robo-import-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  cleanups.push(async () => {
    const queue = new Queue(name, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return name;
}

function scheduler(
  queueName: string,
  runSlot: (run: ScheduledRun) => Promise<void>,
  options: { lockDuration?: number; stalledInterval?: number } = {},
) {
  const instance = new BullMqImportScheduler({
    connection,
    queueName,
    clock: () => new Date(NOW),
    runSlot,
    ...options,
  });
  instance.setSchedule("tenant-a", schedule);
  cleanups.push(() => instance.stop());
  return instance;
}

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("BullMqImportScheduler on Redis", () => {
  it("runs a slot exactly once when two schedulers race for it, and a restart does not run it again", async () => {
    const queueName = uniqueQueue();
    const runs: string[] = [];
    const record = async (run: ScheduledRun) => {
      runs.push(run.key);
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    const a = scheduler(queueName, record);
    const b = scheduler(queueName, record);
    await Promise.all([a.start(), b.start()]);
    // Both instances' timers fire for the same slot at once.
    const keys = await Promise.all([
      a.enqueueDue("tenant-a"),
      b.enqueueDue("tenant-a"),
      a.enqueueDue("tenant-a"),
      b.enqueueDue("tenant-a"),
    ]);
    expect(new Set(keys)).toEqual(new Set(["tenant-a.2026-11-21.0900"]));
    await until(() => runs.length >= 1, 10_000, "the run");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual(["tenant-a.2026-11-21.0900"]);

    // An instance starting later catches up nothing: the 09:00 job is kept as finished.
    await a.stop();
    await b.stop();
    const c = scheduler(queueName, record);
    await c.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual(["tenant-a.2026-11-21.0900"]);
  }, 30_000);

  it("hands a run over to another instance when the one running it is killed", async () => {
    const queueName = uniqueQueue();
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "--conditions=@org/source",
        "--import",
        "tsx",
        path.join(import.meta.dirname, "testing/hanging-scheduler.ts"),
        queueName,
        NOW,
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    cleanups.push(async () => {
      child.kill("SIGKILL");
    });
    let childOutput = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      childOutput += chunk.toString();
    });
    await until(
      () => childOutput.includes("started tenant-a.2026-11-21.0900"),
      20_000,
      "the first instance to start the run",
    );
    child.kill("SIGKILL");

    const takenOver: ScheduledRun[] = [];
    const survivor = scheduler(queueName, async (run) => void takenOver.push(run), {
      lockDuration: 1_000,
      stalledInterval: 1_000,
    });
    await survivor.start();
    await until(() => takenOver.length > 0, 15_000, "the surviving instance to take the run over");
    expect(takenOver.map((run) => run.key)).toEqual(["tenant-a.2026-11-21.0900"]);
    expect(takenOver[0]?.catchUp).toBe(true);
  }, 45_000);
});
