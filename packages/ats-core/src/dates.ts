import { z } from "zod";

/**
 * An instant: a `Date`, or an ISO 8601 date-time string with an offset (as it arrives in JSON).
 * Invalid dates are refused rather than carried as `Invalid Date`.
 */
export const InstantSchema = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])
  .refine((date) => !Number.isNaN(date.getTime()), { message: "Invalid date" });

/** A calendar date without time or zone, `YYYY-MM-DD` (birth dates, graduation dates). */
export const CalendarDateSchema = z.iso.date();
