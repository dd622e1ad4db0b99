import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DayFormatter, formatRfc1123, parseRfc1123 } from "./rfc1123";

/** The regular-expression reading alone (what parseRfc1123 did before its character-by-character fast path). */
function referenceParse(text: string): { time: number; hasTime: boolean } | undefined {
  const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const match =
    /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UT|UTC|Z|[+-]\d{4}))?$/.exec(
      text.trim(),
    );
  if (match === null) return undefined;
  const [, weekday, dayText, monthText, yearText, hh, mm, ss, zone] = match;
  const month = MONTHS.indexOf(monthText!);
  const day = Number(dayText);
  const hours = hh === undefined ? 0 : Number(hh);
  const minutes = mm === undefined ? 0 : Number(mm);
  const seconds = ss === undefined ? 0 : Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  let offset = 0;
  if (zone !== undefined && /^[+-]/.test(zone)) {
    offset = (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  const dayStart = Date.UTC(Number(yearText), month, day);
  const check = new Date(dayStart);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return undefined;
  if (weekday !== undefined && WEEKDAYS[check.getUTCDay()] !== weekday) return undefined;
  const time = dayStart + ((hours * 60 + minutes - offset) * 60 + Math.min(seconds, 59)) * 1000;
  return { time, hasTime: hh !== undefined };
}

const simplified = (text: string) => {
  const parsed = parseRfc1123(text);
  return parsed === undefined ? undefined : { time: parsed.date.getTime(), hasTime: parsed.hasTime };
};

describe("formatRfc1123", () => {
  it("writes what Date#toUTCString writes: every day of a 400-year cycle, 1970 to 9999, and out of range", () => {
    const DAY = 86_400_000;
    const lastDay = Date.UTC(9999, 11, 31) / DAY;
    // every day of one whole Gregorian cycle (146,097 days: the calendar repeats after it), then every 97th
    for (let day = 0; day <= lastDay; day += day < 146_097 ? 1 : 97) {
      // a different time of day each day, to the millisecond
      const date = new Date(day * DAY + ((day * 7_919_993) % DAY));
      if (formatRfc1123(date) !== date.toUTCString()) expect(formatRfc1123(date)).toBe(date.toUTCString());
    }
    for (const time of [
      -1,
      -62_198_755_200_000,
      Date.UTC(10000, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      0,
    ]) {
      expect(formatRfc1123(new Date(time))).toBe(new Date(time).toUTCString());
    }
    expect(formatRfc1123(new Date("2014-12-19T22:49:39Z"))).toBe("Fri, 19 Dec 2014 22:49:39 GMT");
  });
});

/** The day of `date` in `timeZone` as Intl tells it (the reference for the arithmetic of steady zones). */
function intlDay(timeZone: string, date: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "2-digit",
  }).formatToParts(date);
  const part = (type: string) => parts.find((entry) => entry.type === type)!.value;
  return `${part("weekday")}, ${part("day")} ${part("month")} ${part("year")}`;
}

describe("DayFormatter", () => {
  it("agrees with Intl on both ends of every day, 1952 to 2100, in the zones it computes itself", () => {
    const DAY = 86_400_000;
    for (const [zone, offsetHours, from] of [
      ["Asia/Tokyo", 9, 1952],
      ["Asia/Ho_Chi_Minh", 7, 1976],
      ["UTC", 0, 1970],
      ["Etc/UTC", 0, 1970],
    ] as const) {
      const days = new DayFormatter(zone);
      const formatter = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        weekday: "short",
        year: "numeric",
        month: "short",
        day: "2-digit",
      });
      const reference = (date: Date) => {
        const parts = formatter.formatToParts(date);
        const part = (type: string) => parts.find((entry) => entry.type === type)!.value;
        return `${part("weekday")}, ${part("day")} ${part("month")} ${part("year")}`;
      };
      for (let day = Date.UTC(from, 0, 1) / DAY; day < Date.UTC(2101, 0, 1) / DAY; day++) {
        // local midnight and the last millisecond of the local day
        for (const time of [
          day * DAY - offsetHours * 3_600_000,
          (day + 1) * DAY - offsetHours * 3_600_000 - 1,
        ]) {
          const date = new Date(time);
          if (days.format(date) !== reference(date)) expect(days.format(date)).toBe(reference(date));
        }
      }
    }
  });

  it("asks Intl for other zones and for days before a zone's steady period", () => {
    // Tokyo kept daylight-saving time (UTC+10) in the summers of 1948–1951: 14:30 UTC was already the next day.
    const summer1950 = new Date("1950-07-01T14:30:00Z");
    expect(new DayFormatter("Asia/Tokyo").format(summer1950)).toBe(intlDay("Asia/Tokyo", summer1950));
    expect(new DayFormatter("Asia/Tokyo").format(summer1950)).toBe("Sun, 02 Jul 1950");
    const newYork = new Date("2026-03-08T04:30:00Z");
    expect(new DayFormatter("America/New_York").format(newYork)).toBe(intlDay("America/New_York", newYork));
    expect(() => new DayFormatter("Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("parseRfc1123", () => {
  it("reads the seed's forms", () => {
    expect(parseRfc1123("Fri, 19 Dec 2014 22:49:39 GMT")?.date.toISOString()).toBe(
      "2014-12-19T22:49:39.000Z",
    );
    expect(parseRfc1123("Mon, 08 Nov 2021")).toEqual({
      date: new Date("2021-11-08T00:00:00Z"),
      hasTime: false,
    });
    expect(parseRfc1123("Sat, 08 Nov 2021")).toBeUndefined();
    expect(parseRfc1123("Mon, 31 Feb 2021")).toBeUndefined();
    expect(parseRfc1123("19 Dec 2014 22:49 +0900")?.date.toISOString()).toBe("2014-12-19T13:49:00.000Z");
    expect(parseRfc1123("Tue, 29 Feb 2000")?.date.toISOString()).toBe("2000-02-29T00:00:00.000Z");
    expect(parseRfc1123("Thu, 29 Feb 1900")).toBeUndefined();
    expect(parseRfc1123("Wed, 31 Dec 1969 23:59:59 GMT")?.date.getTime()).toBe(-1000);
  });

  it("reads what formatRfc1123 writes (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1000-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }),
        (date) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          expect(parseRfc1123(formatRfc1123(whole))).toEqual({ date: whole, hasTime: true });
        },
      ),
      { seed: 3, numRuns: 2000 },
    );
  });

  it("agrees with the regular-expression reading on near-canonical text (property)", () => {
    const canonical = fc
      .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31"), noInvalidDate: true })
      .map((date) => {
        // toUTCString writes years below 1000 without padding; a feed writes four digits.
        const text = date.toUTCString();
        return text.replace(
          / (\d{1,3}) (\d\d:)/,
          (_, year: string, time: string) => ` ${year.padStart(4, "0")} ${time}`,
        );
      });
    const mutated = fc
      .tuple(
        canonical,
        fc.nat(40),
        fc.constantFrom("", " ", "0", "9", ":", ",", "a", "X", "+0900", "GMT", "UT"),
      )
      .map(([text, at, insert]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position + (insert.length > 0 ? 1 : 0));
      });
    const dayOnly = canonical.map((text) => text.slice(0, 16));
    fc.assert(
      fc.property(fc.oneof(canonical, mutated, dayOnly), (text) => {
        expect(simplified(text)).toEqual(referenceParse(text));
      }),
      { seed: 5, numRuns: 5000 },
    );
  });
});
