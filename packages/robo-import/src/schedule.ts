import { createParsers } from "@org/ats-core";
import { z } from "zod";

/**
 * A tenant's import schedule (seed 000_10d8d68d599dfcc2.txt, 6 ※2/※3): up to 4 runs a day, each a
 * start time on a 30-minute grid; a start date and no end date. YOUTRUST is not scheduled: it
 * arrives by push in real time.
 */
export const ImportScheduleSchema = z
  .object({
    /** IANA time zone of the slots. Default Asia/Tokyo. */
    timeZone: z
      .string()
      .default("Asia/Tokyo")
      .refine(isTimeZone, { message: "Unknown time zone; use an IANA name such as Asia/Tokyo" }),
    /** Start times, `HH:MM` on the half hour. */
    slots: z
      .array(
        z
          .string()
          .regex(
            /^([01]\d|2[0-3]):(00|30)$/,
            "Import times are on a 30-minute grid: HH:00 or HH:30 (e.g. 09:00, 13:30)",
          ),
      )
      .min(1, "Give at least one import time")
      .max(4, "At most 4 import times a day (seed 000); remove one"),
    /** First day of imports (`YYYY-MM-DD`); the first run also takes the 2 days before it. */
    startDate: z.iso.date(),
    /** Must stay empty: imports have no end date (seed 000, ※2). */
    endDate: z.unknown().optional(),
  })
  .superRefine((schedule, ctx) => {
    const seen = new Set<string>();
    schedule.slots.forEach((slot, index) => {
      if (seen.has(slot))
        ctx.addIssue({ code: "custom", path: ["slots", index], message: `${slot} is listed twice` });
      seen.add(slot);
    });
    if (schedule.endDate !== undefined && schedule.endDate !== null && schedule.endDate !== "") {
      ctx.addIssue({
        code: "custom",
        path: ["endDate"],
        message: "Leave the end date blank: imports run until the account is disabled",
      });
    }
  })
  .transform(({ endDate: _endDate, ...schedule }) => ({ ...schedule, slots: [...schedule.slots].sort() }));
/** See {@link ImportScheduleSchema}. */
export type ImportSchedule = z.infer<typeof ImportScheduleSchema>;

const scheduleParsers = createParsers("import schedule", ImportScheduleSchema);
/** Parses a schedule; a `ValidationError` names each problem (a fifth slot, 10:15, duplicates, an end date). */
export const parseImportSchedule = scheduleParsers.parse;
/** Parses a schedule without throwing. */
export const safeParseImportSchedule = scheduleParsers.safeParse;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One occurrence of a slot: a local date and time in the schedule's zone, and the instant. */
export interface SlotOccurrence {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** Local time, `HH:MM`. */
  time: string;
  at: Date;
}

/** The id of a tenant's slot occurrence, the same on every instance: `<tenant>.<date>.<HHMM>`. */
export function slotKey(tenantId: string, occurrence: Pick<SlotOccurrence, "date" | "time">): string {
  return `${encodeURIComponent(tenantId)}.${occurrence.date}.${occurrence.time.replace(":", "")}`;
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
  return parts;
}

/** The instant at which the wall clock in `timeZone` shows `date` `time`. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // Two passes find the offset in force at that wall-clock time, DST included.
  let instant = guess;
  for (let pass = 0; pass < 2; pass++) instant = new Date(guess.getTime() - offsetMs(instant, timeZone));
  return instant;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The latest slot occurrence at or before `now` (not before the start date), if any. */
export function latestDueSlot(schedule: ImportSchedule, now: Date): SlotOccurrence | undefined {
  const today = localDate(now, schedule.timeZone);
  const yesterday = localDate(new Date(now.getTime() - 86_400_000), schedule.timeZone);
  for (const date of [today, yesterday]) {
    if (date < schedule.startDate) continue;
    for (const time of [...schedule.slots].reverse()) {
      const at = zonedInstant(date, time, schedule.timeZone);
      if (at.getTime() <= now.getTime()) return { date, time, at };
    }
  }
  return undefined;
}

/** The cron pattern of a slot (`30 13 * * *` for 13:30), for schedulers that run on cron. */
export function slotCron(time: string): string {
  const [hour, minute] = time.split(":");
  return `${Number(minute)} ${Number(hour)} * * *`;
}
