/**
 * A scheduler instance for the kill test of bullmq-scheduler.services.test.ts: it takes the slot,
 * says so on stdout, and hangs mid-run until the test kills it with SIGKILL.
 */
import { BullMqImportScheduler } from "../bullmq-scheduler.ts";
import { parseImportSchedule } from "../schedule.ts";

const [queueName, now] = process.argv.slice(2) as [string, string];
const scheduler = new BullMqImportScheduler({
  connection: { host: "127.0.0.1", port: 6379 },
  queueName,
  clock: () => new Date(now),
  lockDuration: 1_000,
  stalledInterval: 1_000,
  runSlot: async (run) => {
    console.log(`started ${run.key}`);
    await new Promise(() => {
      /* never finishes: the test kills this process here */
    });
  },
});
scheduler.setSchedule("tenant-a", parseImportSchedule({ slots: ["09:00"], startDate: "2026-11-01" }));
await scheduler.start();
