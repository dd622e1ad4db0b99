/**
 * Dates as Indeed wants them (seed 004_7a98198eda9710f9.txt, "求人の要素一覧"): `<date>` and
 * `<lastactivitydate>` in RFC 1123 (`Fri, 19 Dec 2014 22:49:39 GMT`); `<expirationdate>` as a day
 * (`Mon, 08 Nov 2021`).
 */

import { asciiNumberAt } from "@org/ats-core";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "00" to "99". */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));
const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from there on the year has five digits. */
const YEAR_10000_MS = 253_402_300_800_000;

/**
 * Formats an instant in RFC 1123, always in GMT: `Fri, 19 Dec 2014 22:49:39 GMT` — exactly what
 * `Date#toUTCString` gives (ECMA-262 §21.4.4.43), computed by arithmetic for the years 1970–9999: the
 * writer formats a date for every job, and `toUTCString` cost a tenth of writing one.
 */
export function formatRfc1123(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < YEAR_10000_MS)) return date.toUTCString();
  const days = Math.floor(ms / DAY_MS);
  const seconds = Math.floor((ms - days * DAY_MS) / 1000);
  return `${formatDay(days)} ${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]} GMT`;
}

/**
 * Zones whose offset from UTC has not changed since `since` (tz database): from then on the day of an
 * instant is arithmetic. The first Intl formatter a process makes costs it about 18 ms (ICU's time-zone
 * data), which a short-lived process writing one feed (a CLI, a serverless function) would pay each time.
 * A test holds every entry to Intl for every day from `since` to 2100.
 */
const STEADY_ZONES: ReadonlyMap<string, { readonly offsetMinutes: number; readonly since: number }> = new Map(
  [
    // Japan's last daylight-saving time ended in September 1951.
    ["Asia/Tokyo", { offsetMinutes: 540, since: Date.UTC(1952, 0, 1) }],
    // Vietnam has kept UTC+7 since June 1975.
    ["Asia/Ho_Chi_Minh", { offsetMinutes: 420, since: Date.UTC(1976, 0, 1) }],
    ["UTC", { offsetMinutes: 0, since: 0 }],
    ["Etc/UTC", { offsetMinutes: 0, since: 0 }],
  ],
);

/** `Mon, 08 Nov 2021` for the day `days` after 1970-01-01 (a Thursday), negative before it. */
function formatDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${WEEKDAYS[(((days + 4) % 7) + 7) % 7]}, ${TWO_DIGITS[day]} ${MONTHS[month]} ${year}`;
}

/**
 * Formats a calendar day as `Mon, 08 Nov 2021`. `timeZone` decides which day an instant falls on:
 * a Japanese job that expires at midnight JST is still "Mon, 08 Nov" in Tokyo but "Sun, 07 Nov" in UTC.
 *
 * @throws RangeError when `timeZone` is not a time zone Intl knows.
 */
export class DayFormatter {
  readonly #timeZone: string;
  readonly #steady: { readonly offsetMinutes: number; readonly since: number } | undefined;
  /** Made when a day needs Intl: a zone not in STEADY_ZONES, or an instant before its steady period. */
  #parts: Intl.DateTimeFormat | undefined;
  /** Intl is slow (about 10 µs a call); every zone offset is a multiple of 15 minutes, so cache by quarter hour. */
  readonly #cache = new Map<number, string>();

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
    this.#steady = STEADY_ZONES.get(timeZone);
    // Other zones need Intl from the first day on; making it now also refuses an unknown zone at once.
    if (this.#steady === undefined) this.#parts = this.#intl();
  }

  /** The day `date` falls on in this formatter's time zone, as `Mon, 08 Nov 2021`. */
  format(date: Date): string {
    const steady = this.#steady;
    const time = date.getTime();
    if (steady !== undefined && time >= steady.since && time < YEAR_10000_MS - DAY_MS)
      return formatDay(Math.floor((time + steady.offsetMinutes * 60_000) / DAY_MS));
    const slot = Math.floor(time / 900_000);
    let text = this.#cache.get(slot);
    if (text === undefined) {
      if (this.#cache.size >= 4096) this.#cache.clear();
      text = this.#format(date);
      this.#cache.set(slot, text);
    }
    return text;
  }

  #intl(): Intl.DateTimeFormat {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: this.#timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
  }

  #format(date: Date): string {
    let year = 0;
    let month = 0;
    let day = 0;
    this.#parts ??= this.#intl();
    for (const part of this.#parts.formatToParts(date)) {
      if (part.type === "year") year = Number(part.value);
      else if (part.type === "month") month = Number(part.value);
      else if (part.type === "day") day = Number(part.value);
    }
    return formatDay(daysSinceEpoch(year, month - 1, day));
  }
}

const RFC1123 =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UT|UTC|Z|[+-]\d{4}))?$/;

/** A date read from a feed: the instant, and whether the text carried a time of day. */
export interface ParsedFeedDate {
  date: Date;
  hasTime: boolean;
}

/**
 * Parses an RFC 1123 date-time (`Fri, 19 Dec 2014 22:49:39 GMT`) or day (`Mon, 08 Nov 2021`), as
 * Indeed's feed uses them. Returns `undefined` for anything else, for impossible dates (31 Feb) and
 * for a weekday that does not match the date (a sign of a hand-made string).
 */
export function parseRfc1123(text: string): ParsedFeedDate | undefined {
  const trimmed = text.trim();
  const canonical = parseCanonical(trimmed);
  if (canonical !== null) return canonical;
  const match = RFC1123.exec(trimmed);
  if (match === null) return undefined;
  const [, weekday, dayText, monthText, yearText, hh, mm, ss, zone] = match;
  let offsetMinutes = 0;
  if (zone !== undefined && /^[+-]/.test(zone)) {
    const sign = zone.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  return toFeedDate(
    weekday,
    Number(dayText),
    MONTHS.indexOf(monthText as (typeof MONTHS)[number]),
    Number(yearText),
    hh === undefined ? undefined : Number(hh),
    mm === undefined ? 0 : Number(mm),
    ss === undefined ? 0 : Number(ss),
    offsetMinutes,
  );
}

/**
 * The two forms a feed writer produces — `Fri, 19 Dec 2014 22:49:39 GMT` and `Mon, 08 Nov 2021` —
 * read character by character, without the regular expression and its match array: the linter parses
 * every date of every job. `null` when `text` is in neither form (then the regular expression decides).
 */
function parseCanonical(text: string): ParsedFeedDate | undefined | null {
  const hasTime = text.length === 29;
  if (!hasTime && text.length !== 16) return null;
  if (text.charCodeAt(3) !== 0x2c || text.charCodeAt(4) !== 0x20 || text.charCodeAt(7) !== 0x20) return null;
  if (text.charCodeAt(11) !== 0x20) return null;
  const weekday = text.slice(0, 3);
  const month = MONTHS.indexOf(text.slice(8, 11) as (typeof MONTHS)[number]);
  if (!WEEKDAYS.includes(weekday as (typeof WEEKDAYS)[number]) || month === -1) return null;
  const day = asciiNumberAt(text, 5, 2);
  const year = asciiNumberAt(text, 12, 4);
  if (day < 0 || year < 0) return null;
  if (!hasTime) return toFeedDate(weekday, day, month, year, undefined, 0, 0, 0);
  if (text.charCodeAt(16) !== 0x20 || text.charCodeAt(19) !== 0x3a || text.charCodeAt(22) !== 0x3a)
    return null;
  if (!text.endsWith(" GMT")) return null;
  const hours = asciiNumberAt(text, 17, 2);
  const minutes = asciiNumberAt(text, 20, 2);
  const seconds = asciiNumberAt(text, 23, 2);
  if (hours < 0 || minutes < 0 || seconds < 0) return null;
  return toFeedDate(weekday, day, month, year, hours, minutes, seconds, 0);
}

/** The date read from its parts, or `undefined` for an impossible date or a weekday that does not match. */
function toFeedDate(
  weekday: string | undefined,
  day: number,
  month: number,
  year: number,
  hours: number | undefined,
  minutes: number,
  seconds: number,
  offsetMinutes: number,
): ParsedFeedDate | undefined {
  if ((hours ?? 0) > 23 || minutes > 59 || seconds > 60) return undefined;
  // As Date.UTC reads them, years 0–99 are 1900–1999.
  const fullYear = year <= 99 ? 1900 + year : year;
  if (day < 1 || day > daysInMonth(fullYear, month)) return undefined;
  const days = daysSinceEpoch(fullYear, month, day);
  if (weekday !== undefined && WEEKDAYS[(((days + 4) % 7) + 7) % 7] !== weekday) return undefined;
  const instant =
    days * 86_400_000 + (((hours ?? 0) * 60 + minutes - offsetMinutes) * 60 + Math.min(seconds, 59)) * 1000;
  return { date: new Date(instant), hasTime: hours !== undefined };
}

function daysInMonth(year: number, month: number): number {
  if (month !== 1) return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * The date `days` after 1970-01-01 (proleptic Gregorian; Howard Hinnant's civil_from_days, the inverse
 * of {@link daysSinceEpoch}); `month` counts from 0.
 */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = marchMonth < 10 ? marchMonth + 2 : marchMonth - 10;
  return {
    year: yearOfEra + era * 400 + (month < 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1,
  };
}

/** Days from 1970-01-01 to the date (proleptic Gregorian; Howard Hinnant's days_from_civil), without a Date. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month < 2 ? month + 10 : month - 2) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
