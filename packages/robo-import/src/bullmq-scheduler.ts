import { type ConnectionOptions, Queue, Worker } from "bullmq";
import { Cron } from "croner";
import { type ImportSchedule, latestDueSlot, slotCron, slotKey } from "./schedule";
import type { RunSlot, ScheduledRun } from "./scheduled-run";

/** Options for {@link BullMqImportScheduler}. */
export interface BullMqSchedulerOptions {
  /** Redis connection (BullMQ/ioredis options, e.g. `{ host: "127.0.0.1", port: 6379 }`). */
  connection: ConnectionOptions;
  /** Queue name; instances of one deployment share it. Default `robo-import`. */
  queueName?: string;
  runSlot: RunSlot;
  clock?: () => Date;
  /**
   * How long a run's lock lasts without renewal, in ms: after a crash, another instance takes the
   * run over once it expires. Default 30 s (BullMQ's).
   */
  lockDuration?: number;
  /** How often an instance looks for runs whose instance died, in ms. Default 30 s. */
  stalledInterval?: number;
  /** Told about a run that threw. */
  onError?: (error: unknown, run: ScheduledRun) => void;
}

interface SlotJobData {
  tenantId: string;
  date: string;
  time: string;
  at: string;
  catchUp: boolean;
}

const KEEP_FINISHED_SECONDS = 7 * 86_400;

/**
 * Runs tenants' imports on BullMQ for deployments of several instances. Every instance arms the
 * same timers and enqueues each slot occurrence under a job id derived from tenant, date and time
 * (`slotKey`), so Redis keeps one job whatever the number of instances, and one worker runs it.
 * A run whose instance dies is taken over by another instance once its lock expires (BullMQ's
 * stalled-job check); the pipeline's checkpoints make the second attempt import nothing twice.
 * Finished jobs are kept for 7 days, which also stops a restart from running a slot again.
 */
export class BullMqImportScheduler {
  private readonly options: BullMqSchedulerOptions;
  private readonly clock: () => Date;
  private readonly schedules = new Map<string, ImportSchedule>();
  private readonly crons = new Map<string, Cron[]>();
  private queue: Queue<SlotJobData> | undefined;
  private worker: Worker<SlotJobData> | undefined;

  constructor(options: BullMqSchedulerOptions) {
    this.options = options;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Sets (or replaces) a tenant's schedule; takes effect at once when started. */
  setSchedule(tenantId: string, schedule: ImportSchedule): void {
    this.schedules.set(tenantId, schedule);
    if (this.queue) this.arm(tenantId);
  }

  /** Removes a tenant's schedule. */
  removeSchedule(tenantId: string): void {
    this.schedules.delete(tenantId);
    this.disarm(tenantId);
  }

  /** Connects, starts the worker, arms the timers, and enqueues each tenant's latest missed slot. */
  async start(): Promise<void> {
    const name = this.options.queueName ?? "robo-import";
    this.queue = new Queue<SlotJobData>(name, { connection: this.options.connection });
    this.worker = new Worker<SlotJobData>(name, (job) => this.process(job.data), {
      connection: this.options.connection,
      concurrency: 1,
      lockDuration: this.options.lockDuration ?? 30_000,
      stalledInterval: this.options.stalledInterval ?? 30_000,
      maxStalledCount: 1,
    });
    this.worker.on("error", () => {
      // Connection errors are retried by BullMQ; runs' own errors go to onError.
    });
    await this.worker.waitUntilReady();
    for (const tenantId of this.schedules.keys()) this.arm(tenantId);
    await Promise.all([...this.schedules.keys()].map((tenantId) => this.enqueueDue(tenantId, true)));
  }

  /**
   * Enqueues `tenantId`'s latest due slot occurrence. Every instance may call this for the same
   * slot: the job id makes it one job. Returns the slot key, or `undefined` when none is due.
   */
  async enqueueDue(tenantId: string, catchUp = false): Promise<string | undefined> {
    const schedule = this.schedules.get(tenantId);
    if (schedule === undefined || this.queue === undefined) return undefined;
    const occurrence = latestDueSlot(schedule, this.clock());
    if (occurrence === undefined) return undefined;
    const key = slotKey(tenantId, occurrence);
    await this.queue.add(
      "import",
      { tenantId, date: occurrence.date, time: occurrence.time, at: occurrence.at.toISOString(), catchUp },
      {
        jobId: key,
        removeOnComplete: { age: KEEP_FINISHED_SECONDS },
        removeOnFail: { age: KEEP_FINISHED_SECONDS },
      },
    );
    return key;
  }

  /** Stops the timers, lets the worker finish its run in progress, and disconnects. */
  async stop(): Promise<void> {
    for (const tenantId of [...this.crons.keys()]) this.disarm(tenantId);
    await this.worker?.close();
    await this.queue?.close();
    this.worker = undefined;
    this.queue = undefined;
  }

  private async process(data: SlotJobData): Promise<void> {
    const occurrence = { date: data.date, time: data.time, at: new Date(data.at) };
    const run: ScheduledRun = {
      tenantId: data.tenantId,
      occurrence,
      key: slotKey(data.tenantId, occurrence),
      catchUp: data.catchUp,
    };
    try {
      await this.options.runSlot(run);
    } catch (error) {
      this.options.onError?.(error, run);
      throw error;
    }
  }

  private arm(tenantId: string): void {
    this.disarm(tenantId);
    const schedule = this.schedules.get(tenantId)!;
    this.crons.set(
      tenantId,
      schedule.slots.map(
        (time) =>
          new Cron(slotCron(time), { timezone: schedule.timeZone }, () => void this.enqueueDue(tenantId)),
      ),
    );
  }

  private disarm(tenantId: string): void {
    for (const cron of this.crons.get(tenantId) ?? []) cron.stop();
    this.crons.delete(tenantId);
  }
}
