import { Cron } from "croner";
import { type ImportSchedule, latestDueSlot, slotCron, slotKey } from "./schedule";
import type { RunSlot, ScheduledRun } from "./scheduled-run";
import { InMemorySlotLedger, type SlotLedger } from "./slot-ledger";

/** Options for {@link InProcessImportScheduler}. */
export interface InProcessSchedulerOptions {
  runSlot: RunSlot;
  /** Remembers started slots. Default in memory (once per process). */
  ledger?: SlotLedger;
  clock?: () => Date;
  /** Told about a run that threw; the scheduler goes on. */
  onError?: (error: unknown, run: ScheduledRun) => void;
}

/**
 * Runs tenants' imports at their slot times inside this process (croner), for a single
 * instance. A tenant's runs never overlap (a run may take up to an hour): a slot that comes due
 * during a run starts after it. On `start()`, the latest slot missed while the process was down
 * runs once; the pipeline's checkpoints make that one run cover everything missed.
 */
export class InProcessImportScheduler {
  private readonly options: InProcessSchedulerOptions;
  private readonly ledger: SlotLedger;
  private readonly clock: () => Date;
  private readonly schedules = new Map<string, ImportSchedule>();
  private readonly crons = new Map<string, Cron[]>();
  private readonly running = new Map<string, Promise<void>>();
  private started = false;

  constructor(options: InProcessSchedulerOptions) {
    this.options = options;
    this.ledger = options.ledger ?? new InMemorySlotLedger();
    this.clock = options.clock ?? (() => new Date());
  }

  /** Sets (or replaces) a tenant's schedule; takes effect at once when started. */
  setSchedule(tenantId: string, schedule: ImportSchedule): void {
    this.schedules.set(tenantId, schedule);
    if (this.started) this.arm(tenantId);
  }

  /** Removes a tenant's schedule. */
  removeSchedule(tenantId: string): void {
    this.schedules.delete(tenantId);
    this.disarm(tenantId);
  }

  /** Arms the timers and runs, once, each tenant's latest slot missed while nothing was running. */
  async start(): Promise<void> {
    this.started = true;
    for (const tenantId of this.schedules.keys()) this.arm(tenantId);
    await Promise.all([...this.schedules.keys()].map((tenantId) => this.runDue(tenantId, true)));
  }

  /**
   * Runs `tenantId`'s latest due slot unless it was already started. Timers call this at slot
   * times; tests and operators may call it directly. Resolves when the run (if any) has finished.
   */
  async runDue(tenantId: string, catchUp = false): Promise<ScheduledRun | undefined> {
    const schedule = this.schedules.get(tenantId);
    if (schedule === undefined) return undefined;
    const occurrence = latestDueSlot(schedule, this.clock());
    if (occurrence === undefined) return undefined;
    const run: ScheduledRun = { tenantId, occurrence, key: slotKey(tenantId, occurrence), catchUp };
    if (!(await this.ledger.claim(run.key))) return undefined;
    const previous = this.running.get(tenantId) ?? Promise.resolve();
    const current = previous.then(() =>
      this.options.runSlot(run).catch((error: unknown) => {
        this.options.onError?.(error, run);
      }),
    );
    this.running.set(tenantId, current);
    await current;
    if (this.running.get(tenantId) === current) this.running.delete(tenantId);
    return run;
  }

  /** Stops the timers and waits for runs in progress to finish. */
  async stop(): Promise<void> {
    this.started = false;
    for (const tenantId of [...this.crons.keys()]) this.disarm(tenantId);
    await Promise.all(this.running.values());
  }

  private arm(tenantId: string): void {
    this.disarm(tenantId);
    const schedule = this.schedules.get(tenantId)!;
    const crons = schedule.slots.map(
      (time) =>
        new Cron(
          slotCron(time),
          { timezone: schedule.timeZone, protect: true },
          () => void this.runDue(tenantId),
        ),
    );
    this.crons.set(tenantId, crons);
  }

  private disarm(tenantId: string): void {
    for (const cron of this.crons.get(tenantId) ?? []) cron.stop();
    this.crons.delete(tenantId);
  }

  /** The next start time of each armed tenant (for a status page). */
  nextRuns(): Map<string, Date | null> {
    const next = new Map<string, Date | null>();
    for (const [tenantId, crons] of this.crons) {
      const times = crons.map((cron) => cron.nextRun()).filter((date): date is Date => date !== null);
      next.set(
        tenantId,
        times.length === 0 ? null : new Date(Math.min(...times.map((date) => date.getTime()))),
      );
    }
    return next;
  }
}
