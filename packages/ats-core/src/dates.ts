import { z } from "zod";
import { toNfkc } from "./text";

/**
 * An instant: a `Date`, or an ISO 8601 date-time string with an offset (as it arrives in JSON).
 * Invalid dates are refused rather than carried as `Invalid Date`.
 */
export const InstantSchema = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])
  .refine((date) => !Number.isNaN(date.getTime()), { message: "Invalid date" });

/** A calendar date without time or zone, `YYYY-MM-DD` (birth dates, graduation dates). */
export const CalendarDateSchema = z.iso.date();

/** `1990-04-01`, `1990/4/1`, `1990.4.1` or `1990年4月1日` → `1990-04-01`, if it is a real date. */
export function parseBirthDate(input: string): string | undefined {
  const fast = plainCalendarDate(input);
  if (fast !== undefined) return fast || undefined;
  return parseBirthDateGenerally(input);
}

/** {@link parseBirthDate} without its fast path (exported for the test that checks they agree; not in the package's API). */
export function parseBirthDateGenerally(input: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(toNfkc(input).trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/*
 * The form exports use most, `1990-04-01` or `1990/04/01` (years 1000–9999), read without a regular
 * expression or a Date: an import reads two dates per applicant. `undefined` means "not this form"
 * (the general path decides); `""` means "this form, but not a real date". A test checks that both
 * paths agree.
 */
function plainCalendarDate(input: string): string | undefined {
  if (input.length !== 10) return undefined;
  const separator = input.charCodeAt(4);
  if ((separator !== DASH && separator !== SLASH) || input.charCodeAt(7) !== separator) return undefined;
  const year = asciiNumberAt(input, 0, 4);
  const month = asciiNumberAt(input, 5, 2);
  const day = asciiNumberAt(input, 8, 2);
  if (year < 1000 || month < 0 || day < 0) return undefined;
  if (!isCalendarDay(year, month, day)) return "";
  return separator === DASH ? input : `${input.slice(0, 4)}-${input.slice(5, 7)}-${input.slice(8)}`;
}

const DASH = 0x2d;
const SLASH = 0x2f;

/** The number written by `length` ASCII digits at `start` of `text`, or -1 if any is not a digit. */
export function asciiNumberAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** True when `month` (1–12) and `day` of `year` name a day of the (proleptic Gregorian) calendar. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
