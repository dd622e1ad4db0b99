import { ValidationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEED_NG_OK, seedJapaneseJob } from "./fixtures/seed-004";
import { employmentTypesOf, jobPostingScript, parseJapaneseSalary, toJobPosting } from "./index";

describe("toJobPosting", () => {
  it("maps the seed's Japanese job to a Google for Jobs JobPosting", () => {
    const posting = toJobPosting(seedJapaneseJob(), { organizationUrl: "https://salon.example.jp" });
    expect(posting).toEqual({
      "@context": "https://schema.org/",
      "@type": "JobPosting",
      title: "美容師アシスタント",
      description: seedJapaneseJob().description,
      datePosted: "2014-12-19T22:49:39.000Z",
      validThrough: "2021-11-07T15:00:00.000Z",
      employmentType: ["FULL_TIME"],
      hiringOrganization: {
        "@type": "Organization",
        name: "Hair Salon XX",
        sameAs: "https://salon.example.jp",
      },
      identifier: { "@type": "PropertyValue", name: "Hair Salon XX", value: "unique123131" },
      jobLocation: {
        "@type": "Place",
        address: {
          "@type": "PostalAddress",
          addressCountry: "JP",
          addressRegion: "東京都",
          addressLocality: "港区三田",
          streetAddress: "〒108-0073 東京都港区三田1-4-1住友不動産麻布十番ビル6階",
          postalCode: "108-0073",
        },
      },
      baseSalary: {
        "@type": "MonetaryAmount",
        currency: "JPY",
        value: { "@type": "QuantitativeValue", minValue: 4_000_000, maxValue: 7_000_000, unitText: "YEAR" },
      },
      url: "https://www.examplesite.com/viewjob.cfm?jobid=unique123131&source=Indeed",
    });
  });

  it("leaves out pay and employment type that do not parse cleanly", () => {
    const posting = toJobPosting(
      seedJapaneseJob({ salary: SEED_NG_OK.salary[0].ng, jobTypes: ["正社員", "常勤"] }),
    );
    expect(posting.baseSalary).toBeUndefined();
    expect(posting.employmentType).toBeUndefined();
    expect(() => toJobPosting(seedJapaneseJob({ title: "" }))).toThrow(ValidationError);
  });

  it("writes a script element no job text can break out of", () => {
    const script = jobPostingScript(
      toJobPosting(seedJapaneseJob({ description: "</script><script>alert(1)</script>" })),
    );
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    const json = script.slice('<script type="application/ld+json">'.length, -"</script>".length);
    expect(JSON.parse(json).description).toBe("</script><script>alert(1)</script>");
  });
});

describe("parseJapaneseSalary", () => {
  it.each([
    ["日給10,000円", { value: 10_000, unitText: "DAY" }],
    ["年収400万円~500万円", { minValue: 4_000_000, maxValue: 5_000_000, unitText: "YEAR" }],
    ["年収400万円〜700万円", { minValue: 4_000_000, maxValue: 7_000_000, unitText: "YEAR" }],
    ["時給1,200円~", { minValue: 1200, unitText: "HOUR" }],
    ["月給25万円以上", { minValue: 250_000, unitText: "MONTH" }],
    ["月給22.5万円", { value: 225_000, unitText: "MONTH" }],
    ["時給１，２００円", { value: 1200, unitText: "HOUR" }],
  ])("parses %s", (text, value) => {
    expect(parseJapaneseSalary(text)?.value).toEqual({ "@type": "QuantitativeValue", ...value });
  });

  it.each([
    "$50K per year",
    "応相談",
    "年収500万円~400万円",
    "年収400万円 経験者の場合年収500万円",
    "月給25万円+手当",
  ])("refuses %s", (text) => {
    expect(parseJapaneseSalary(text)).toBeUndefined();
  });

  it("never throws and keeps min ≤ max (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseJapaneseSalary(text)?.value;
        if (value?.minValue !== undefined && value.maxValue !== undefined)
          expect(value.minValue).toBeLessThanOrEqual(value.maxValue);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("maps only known employment words", () => {
    expect(employmentTypesOf(["正社員", "アルバイト・パート"])).toEqual(["FULL_TIME", "PART_TIME"]);
    expect(employmentTypesOf(["fulltime", "parttime"])).toEqual(["FULL_TIME", "PART_TIME"]);
    expect(employmentTypesOf(["フルタイム"])).toBeUndefined();
  });
});
