import { parseJob, ValidationError } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { FeedWriter, feedJobFromAtsJob, feedJobsFromAtsJobs } from "./index";

const atsJob = (overrides: Record<string, unknown> = {}) =>
  parseJob({
    id: "job-1",
    title: "美容師アシスタント",
    company: "Hair Salon XX",
    location: {
      country: "JP",
      region: "東京都",
      city: "港区三田",
      station: "六本木駅",
      postalCode: "108-0073",
    },
    employmentTypes: ["full_time", "part_time", "other"],
    status: "open",
    openedAt: "2026-11-01T00:00:00+09:00",
    expiresAt: "2026-12-31T15:00:00Z",
    pipeline: [{ id: "s1", name: "書類選考" }],
    descriptionHtml: "<p>カット練習あり</p>",
    salaryText: "月給25万円",
    url: "https://careers.example.jp/jobs/1?lang=ja",
    requisitionId: "REQ-1",
    labels: ["美容", "東京"],
    ...overrides,
  });

describe("feedJobFromAtsJob", () => {
  it("maps the ats-core Job to Indeed's elements and vocabulary", () => {
    const job = feedJobFromAtsJob(atsJob());
    expect(job).toMatchObject({
      title: "美容師アシスタント",
      referenceNumber: "job-1",
      requisitionId: "REQ-1",
      url: "https://careers.example.jp/jobs/1?lang=ja&source=Indeed",
      company: "Hair Salon XX",
      city: "港区三田",
      state: "東京都",
      country: "JP",
      station: "六本木駅",
      postalCode: "108-0073",
      salary: "月給25万円",
      jobTypes: ["正社員", "アルバイト・パート"],
      categories: ["美容", "東京"],
    });
    expect((job.date as Date).toISOString()).toBe("2026-10-31T15:00:00.000Z");
  });

  it("keeps an existing source parameter and can leave the URL alone", () => {
    expect(feedJobFromAtsJob(atsJob({ url: "https://x.example.jp/j?source=Indeed" })).url).toBe(
      "https://x.example.jp/j?source=Indeed",
    );
    expect(feedJobFromAtsJob(atsJob(), { addIndeedSource: false }).url).toBe(
      "https://careers.example.jp/jobs/1?lang=ja",
    );
  });

  it("names every field the feed needs and the job lacks", () => {
    const error = (() => {
      try {
        feedJobFromAtsJob(
          atsJob({ url: undefined, location: { country: "JP" }, descriptionHtml: undefined }),
        );
      } catch (e) {
        return e;
      }
    })();
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path[0])).toEqual([
      "url",
      "location.city",
      "location.region",
      "descriptionHtml",
    ]);
  });

  it("streams only jobs accepting applications into a writable feed", async () => {
    const now = new Date("2026-11-21T00:00:00Z");
    const jobs = [
      atsJob(),
      atsJob({ id: "closed", status: "closed", closedAt: "2026-11-02T00:00:00Z" }),
      atsJob({ id: "expired", expiresAt: "2026-11-20T00:00:00Z" }),
    ];
    const feedJobs = [];
    for await (const job of feedJobsFromAtsJobs(jobs, { now })) feedJobs.push(job);
    expect(feedJobs.map((job) => job.referenceNumber)).toEqual(["job-1"]);
    const xml = await new FeedWriter().toString(feedJobs);
    expect(xml).toContain("<jobtype><![CDATA[正社員,アルバイト・パート]]></jobtype>");
    expect(xml).toContain("<expirationdate><![CDATA[Fri, 01 Jan 2027]]></expirationdate>");
  });
});
