import { ValidationError } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { InProcessImportScheduler } from "./in-process-scheduler";
import {
  latestDueSlot,
  parseImportSchedule,
  safeParseImportSchedule,
  slotCron,
  slotKey,
  zonedInstant,
} from "./schedule";
import type { ScheduledRun } from "./scheduled-run";

const valid = { slots: ["13:30", "09:00"], startDate: "2026-11-15" };

describe("import schedules", () => {
  it("accepts up to 4 slots on the half hour, Asia/Tokyo by default", () => {
    expect(parseImportSchedule(valid)).toEqual({
      timeZone: "Asia/Tokyo",
      slots: ["09:00", "13:30"],
      startDate: "2026-11-15",
    });
    expect(parseImportSchedule({ ...valid, slots: ["00:00", "06:30", "12:00", "23:30"] }).slots).toHaveLength(
      4,
    );
  });

  it.each([
    [
      { ...valid, slots: ["09:00", "10:00", "11:00", "12:00", "13:00"] },
      "slots",
      /At most 4 import times a day/,
    ],
    [{ ...valid, slots: ["10:15"] }, "slots.0", /30-minute grid/],
    [{ ...valid, slots: ["24:00"] }, "slots.0", /30-minute grid/],
    [{ ...valid, slots: ["09:00", "09:00"] }, "slots.1", /09:00 is listed twice/],
    [{ ...valid, slots: [] }, "slots", /at least one/],
    [{ ...valid, endDate: "2027-03-31" }, "endDate", /Leave the end date blank/],
    [{ ...valid, timeZone: "Tokyo" }, "timeZone", /Unknown time zone/],
    [{ ...valid, startDate: "2026/11/15" }, "startDate", /date/],
  ])("refuses %j with a clear message", (input, path, message) => {
    const result = safeParseImportSchedule(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(ValidationError.is(result.error)).toBe(true);
    const issue = result.error.issues.find((entry) => entry.path.join(".") === path);
    expect(issue?.message).toMatch(message);
  });

  it("computes slot instants, keys and cron patterns in the schedule's zone", () => {
    expect(zonedInstant("2026-11-21", "09:00", "Asia/Tokyo")).toEqual(new Date("2026-11-21T00:00:00Z"));
    expect(zonedInstant("2026-07-01", "09:00", "Europe/Berlin")).toEqual(new Date("2026-07-01T07:00:00Z"));
    expect(zonedInstant("2026-12-01", "09:00", "Europe/Berlin")).toEqual(new Date("2026-12-01T08:00:00Z"));
    expect(slotKey("tenant:a", { date: "2026-11-21", time: "09:00" })).toBe("tenant%3Aa.2026-11-21.0900");
    expect(slotCron("13:30")).toBe("30 13 * * *");
  });

  it("finds the latest due slot, yesterday's after midnight, none before the start date", () => {
    const schedule = parseImportSchedule(valid);
    expect(latestDueSlot(schedule, new Date("2026-11-21T05:00:00+09:00"))).toEqual({
      date: "2026-11-20",
      time: "13:30",
      at: new Date("2026-11-20T13:30:00+09:00"),
    });
    expect(latestDueSlot(schedule, new Date("2026-11-21T09:00:00+09:00"))?.time).toBe("09:00");
    expect(latestDueSlot(schedule, new Date("2026-11-15T08:59:00+09:00"))).toBeUndefined();
  });
});

describe("InProcessImportScheduler", () => {
  it("runs a slot once, catches up the latest missed slot on start, and never overlaps a tenant's runs", async () => {
    let now = new Date("2026-11-21T10:00:00+09:00");
    const runs: ScheduledRun[] = [];
    let active = 0;
    let maxActive = 0;
    const scheduler = new InProcessImportScheduler({
      clock: () => now,
      runSlot: async (run) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push(run);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active--;
      },
    });
    scheduler.setSchedule("tenant-a", parseImportSchedule(valid));
    await scheduler.start();
    expect(runs.map((run) => [run.key, run.catchUp])).toEqual([["tenant-a.2026-11-21.0900", true]]);

    // The 09:00 slot again (a timer firing late, a second call): already started.
    expect(await scheduler.runDue("tenant-a")).toBeUndefined();
    now = new Date("2026-11-21T13:30:00+09:00");
    await Promise.all([scheduler.runDue("tenant-a"), scheduler.runDue("tenant-a")]);
    expect(runs.map((run) => run.key)).toEqual(["tenant-a.2026-11-21.0900", "tenant-a.2026-11-21.1330"]);
    expect(maxActive).toBe(1);
    expect(scheduler.nextRuns().get("tenant-a")).toBeInstanceOf(Date);
    await scheduler.stop();
    expect(scheduler.nextRuns().size).toBe(0);
  });

  it("reports a failing run and goes on", async () => {
    const errors: unknown[] = [];
    const scheduler = new InProcessImportScheduler({
      clock: () => new Date("2026-11-21T10:00:00+09:00"),
      runSlot: async () => {
        throw new Error("board down");
      },
      onError: (error) => errors.push(error),
    });
    scheduler.setSchedule("t", parseImportSchedule(valid));
    await scheduler.start();
    await scheduler.stop();
    expect(errors).toEqual([new Error("board down")]);
  });
});
