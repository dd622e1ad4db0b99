import type { ImportSchedule, SlotOccurrence } from "./schedule";

/** A slot occurrence handed to the ATS's run function. */
export interface ScheduledRun {
  tenantId: string;
  occurrence: SlotOccurrence;
  /** The occurrence's id, the same on every instance (see `slotKey`). */
  key: string;
  /** True when the run catches up a slot missed while nothing was running. */
  catchUp: boolean;
}

/** Runs one tenant's import for a slot (typically `ImportPipeline.run` over its accounts). */
export type RunSlot = (run: ScheduledRun) => Promise<void>;

/** A tenant and its schedule. */
export interface TenantSchedule {
  tenantId: string;
  schedule: ImportSchedule;
}
