import { ConfigurationError } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { SEED_NG_OK, SEED_SAMPLE_FEED, seedJapaneseJob } from "./fixtures/seed-004";
import { FeedWriter, LINT_RULE_IDS, type LintFinding, lintFeed } from "./index";

const NOW = new Date("2026-11-21T00:00:00Z");

const okJob: Record<string, string> = {
  title: "美容師アシスタント",
  date: "Fri, 19 Dec 2014 22:49:39 GMT",
  referencenumber: "unique123131",
  requisitionid: "ab1212",
  url: "https://www.examplesite.com/viewjob.cfm?jobid=unique123131&source=Indeed",
  company: "Hair Salon XX",
  city: "港区三田",
  state: "東京都",
  country: "JP",
  station: "六本木駅",
  description: "<p>仕事内容</p>",
  salary: "年収400万円~700万円",
  jobtype: "正社員",
  expirationdate: "Mon, 08 Nov 2027",
};

function feedOf(jobs: Record<string, string | undefined>[]): string {
  const body = jobs
    .map((job) => {
      const elements = Object.entries(job)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `  <${k}><![CDATA[${v}]]></${k}>`)
        .join("\n");
      return `<job>\n${elements}\n</job>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>\n<source>\n${body}\n</source>\n`;
}

async function lint(xml: string, options: Parameters<typeof lintFeed>[1] = {}): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  for await (const finding of lintFeed([xml], { now: NOW, ...options })) findings.push(finding);
  return findings;
}
const ruleIds = async (job: Record<string, string | undefined>) =>
  (await lint(feedOf([job]))).map((f) => f.ruleId);

describe("lintFeed on the seed's NG/OK examples (要素のNG例)", () => {
  it("passes a job made of the seed's OK values", async () => {
    expect(await lint(feedOf([okJob]))).toEqual([]);
  });

  it.each([
    ["title", SEED_NG_OK.title[0], ["title-employment-type", "title-brackets", "title-catch-copy"]],
    ["company", SEED_NG_OK.company[0], ["company-brackets"]],
    ["company", SEED_NG_OK.company[1], ["company-legal-abbreviation"]],
    ["company", SEED_NG_OK.company[2], ["company-reading"]],
    ["city", SEED_NG_OK.city[0], ["city-street-address"]],
    ["station", SEED_NG_OK.station[0], ["station-extra"]],
    ["salary", SEED_NG_OK.salary[0], ["salary-breakdown"]],
    ["jobtype", SEED_NG_OK.jobtype[0], ["jobtype-fulltime-word"]],
    ["jobtype", SEED_NG_OK.jobtype[1], ["jobtype-fulltime-word"]],
    ["description", SEED_NG_OK.description[0], ["description-escaped-html"]],
  ] as const)("<%s>: flags the NG value and passes the OK one (%#)", async (element, pair, expected) => {
    const ng = await ruleIds({ ...okJob, [element]: pair.ng });
    expect(ng).toEqual(expect.arrayContaining([...expected]));
    expect(await ruleIds({ ...okJob, [element]: pair.ok })).toEqual([]);
  });

  it("gives the location and both languages", async () => {
    const [finding] = await lint(feedOf([{ ...okJob, city: SEED_NG_OK.city[0].ng }]));
    expect(finding).toEqual({
      ruleId: "city-street-address",
      severity: "error",
      message: expect.stringContaining("<city>"),
      messageJa: expect.stringContaining("市区町村"),
      location: { line: 10, column: 9, jobIndex: 0, referenceNumber: "unique123131", element: "city" },
    });
  });
});

describe("lintFeed rules", () => {
  it("reads the seed's sample feed and reports its real departures from the Japanese rules", async () => {
    const ids = new Set((await lint(SEED_SAMPLE_FEED)).map((f) => f.ruleId));
    // The sample is American (country US, $50K) and dated 2021: expired, and `fulltime` is no Japanese jobtype
    // (only checked for JP). Its <publisher> lacks CDATA, which is allowed outside jobs.
    expect([...ids].sort()).toEqual(["expirationdate-expired"]);
  });

  it("flags required elements, future dates, bad dates and expired jobs", async () => {
    expect(await ruleIds({ ...okJob, company: undefined, description: " " })).toEqual([
      "required-element",
      "required-element",
    ]);
    expect(await ruleIds({ ...okJob, date: "Sat, 21 Nov 2026 00:00:01 GMT" })).toEqual(["date-future"]);
    expect(await ruleIds({ ...okJob, date: "2026-11-01" })).toEqual(["date-format"]);
    expect(await ruleIds({ ...okJob, date: "Mon, 19 Dec 2014 22:49:39 GMT" })).toEqual(["date-format"]);
    expect(await ruleIds({ ...okJob, expirationdate: "Fri, 20 Nov 2026" })).toEqual([
      "expirationdate-expired",
    ]);
    expect(await ruleIds({ ...okJob, expirationdate: "Sat, 21 Nov 2026" })).toEqual([]);
  });

  it("flags duplicate reference numbers and URLs across jobs", async () => {
    const findings = await lint(feedOf([okJob, okJob]));
    expect(findings.map((f) => `${f.ruleId}@${f.location.jobIndex}`)).toEqual([
      "referencenumber-duplicate@1",
      "url-duplicate@1",
    ]);
    expect(findings[0]?.message).toContain("line 3");
  });

  it("flags tags used in some jobs only, as it streams", async () => {
    const findings = await lint(
      feedOf([
        okJob,
        { ...okJob, referencenumber: "2", url: "https://x.jp/2?source=Indeed", station: undefined },
        { ...okJob, referencenumber: "3", url: "https://x.jp/3?source=Indeed", imageUrls: "" },
      ]),
    );
    expect(findings.map((f) => `${f.ruleId}:${f.location.element}@${f.location.jobIndex}`)).toEqual([
      "tag-consistency:station@1",
      "tag-consistency:imageUrls@2",
    ]);
  });

  it("flags title location, station lines, unsupported tags, image extensions and missing source=Indeed", async () => {
    expect(await ruleIds({ ...okJob, title: "看護師 大阪" })).toEqual(["title-location"]);
    expect(await ruleIds({ ...okJob, station: "都営大江戸線 赤羽橋駅" })).toEqual(["station-extra"]);
    expect(await ruleIds({ ...okJob, station: "六本木駅、麻布十番駅" })).toEqual(["station-extra"]);
    expect(await ruleIds({ ...okJob, description: "<p>a</p><script>x</script><img src=a.png>" })).toEqual([
      "description-unsupported-tag",
    ]);
    expect(
      await ruleIds({ ...okJob, imageUrls: "https://img.example.jp/a.jpg,https://img.example.jp/b.webp" }),
    ).toEqual(["imageurls-extension"]);
    expect(await ruleIds({ ...okJob, url: "https://www.examplesite.com/viewjob?jobid=1" })).toEqual([
      "url-source-indeed",
    ]);
    expect(await ruleIds({ ...okJob, requisitionid: undefined })).toEqual(["requisitionid-missing"]);
    expect(await ruleIds({ ...okJob, jobtype: "正社員,社員" })).toEqual(["jobtype-vocabulary"]);
  });

  it("does not mistake job titles, station and town names for the faults they resemble", async () => {
    for (const title of [
      "パートナー営業",
      "派遣コーディネーター",
      "新卒採用担当",
      "インターンシップ企画",
      "都市計画コンサルタント",
    ]) {
      expect(await ruleIds({ ...okJob, title }), title).toEqual([]);
    }
    for (const station of ["国分寺駅", "京王八王子駅", "京急蒲田駅", "西武新宿駅"]) {
      expect(await ruleIds({ ...okJob, station }), station).toEqual([]);
    }
    expect(await ruleIds({ ...okJob, state: "青森県", city: "三戸郡階上町" })).toEqual([]);
    expect(await ruleIds({ ...okJob, station: "JR 渋谷駅" })).toEqual(["station-extra"]);
    expect(await ruleIds({ ...okJob, station: "渋谷駅から徒歩5分" })).toEqual(["station-extra"]);
    expect(await ruleIds({ ...okJob, city: "港区三田6階" })).toEqual(["city-street-address"]);
  });

  it("flags description HTML written as XML elements or escapes instead of CDATA", async () => {
    const nested = feedOf([okJob]).replace(
      "<description><![CDATA[<p>仕事内容</p>]]></description>",
      "<description><p>仕事内容</p></description>",
    );
    expect((await lint(nested)).map((f) => f.ruleId)).toEqual(["description-escaped-html"]);
    const escaped = feedOf([okJob]).replace(
      "<description><![CDATA[<p>仕事内容</p>]]></description>",
      "<description>&lt;p&gt;仕事内容&lt;/p&gt;</description>",
    );
    expect((await lint(escaped)).map((f) => f.ruleId)).toEqual(["description-escaped-html"]);
    const plain = feedOf([okJob]).replace(
      "<title><![CDATA[美容師アシスタント]]></title>",
      "<title>美容師アシスタント</title>",
    );
    expect((await lint(plain)).map((f) => f.ruleId)).toEqual(["text-not-in-cdata"]);
  });

  it("checks <indeed-apply-data> against the job and the Indeed Apply rules", async () => {
    const data =
      "indeed-apply-apiToken=t&indeed-apply-jobTitle=%E7%BE%8E%E5%AE%B9%E5%B8%AB&indeed-apply-jobCompanyName=Hair+Salon+XX&indeed-apply-jobLocation=x&data-indeed-apply-postUrl=https%3A%2F%2Fa.jp";
    const findings = await lint(feedOf([{ ...okJob, "indeed-apply-data": data }]));
    expect(findings.map((f) => f.ruleId)).toEqual([
      "indeed-apply-data",
      "indeed-apply-data",
      "indeed-apply-data",
      "indeed-apply-jobid-missing",
    ]);
    expect(findings.map((f) => f.message).join("\n")).toMatch(
      /data-indeed-apply-[\s\S]*needs a postUrl[\s\S]*must equal <title>/,
    );
  });

  it("reports malformed XML with line and column and keeps linting the next jobs", async () => {
    const xml = feedOf([
      okJob,
      { ...okJob, referencenumber: "2", url: "https://x.jp/2?source=Indeed" },
    ]).replace("<title><![CDATA[美容師アシスタント]]></title>", "<title>A & B</title>");
    const findings = await lint(xml, { disable: ["text-not-in-cdata", "title-location"] });
    expect(findings[0]).toMatchObject({
      ruleId: "xml-malformed",
      severity: "error",
      location: { line: 4, column: 12 },
    });
    expect(findings.slice(1)).toEqual([]);
    const broken = `${feedOf([okJob]).replace("</source>\n", "")}<job><title>`;
    const truncated = await lint(broken);
    expect(truncated.filter((f) => f.ruleId === "xml-malformed").length).toBeGreaterThan(0);
  });

  it("flags Shift_JIS bytes in a feed declared UTF-8 at the element that holds them", async () => {
    const xml = feedOf([okJob]);
    const [before, after] = xml.split("港区三田") as [string, string];
    // 港区 in Shift_JIS (8D 60 8B E6) is not valid UTF-8: it decodes to U+FFFD.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(before),
      0x8d,
      0x60,
      0x8b,
      0xe6,
      ...new TextEncoder().encode(after),
    ]);
    const findings: LintFinding[] = [];
    for await (const finding of lintFeed(bytes, { now: NOW })) findings.push(finding);
    expect(findings.map((f) => `${f.ruleId}:${f.location.element}`)).toEqual(["encoding-replacement:city"]);
  });

  it("flags a missing declaration, a wrong root and an empty feed", async () => {
    expect((await lint("<jobs></jobs>")).map((f) => f.ruleId)).toEqual([
      "xml-declaration",
      "root-element",
      "no-jobs",
    ]);
  });

  it("switches rules off by id, and refuses unknown ids", async () => {
    expect(
      await lint(feedOf([{ ...okJob, requisitionid: undefined }]), { disable: ["requisitionid-missing"] }),
    ).toEqual([]);
    await expect(() => lintFeed([""], { disable: ["no-such-rule"] }).next()).rejects.toSatisfy((e) =>
      ConfigurationError.is(e),
    );
    expect(LINT_RULE_IDS).toContain("tag-consistency");
  });

  it("passes what the writer writes (by construction)", async () => {
    const writer = new FeedWriter({
      elements: [
        "requisitionid",
        "station",
        "postalcode",
        "streetaddress",
        "salary",
        "education",
        "jobtype",
        "category",
        "experience",
        "expirationdate",
      ],
    });
    const jobs = [
      seedJapaneseJob({ expirationDate: new Date("2027-01-01T00:00:00Z") }),
      seedJapaneseJob({
        referenceNumber: "2",
        url: "https://www.examplesite.com/viewjob.cfm?jobid=2&source=Indeed",
        station: undefined,
        expirationDate: undefined,
      }),
    ];
    expect(await lint(await writer.toString(jobs))).toEqual([]);
  });
});
