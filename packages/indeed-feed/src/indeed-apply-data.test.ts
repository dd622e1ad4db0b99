import { ConfigurationError, ValidationError } from "@org/ats-core";
import { decryptIndeedApplyEmail } from "@org/indeed-apply";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEED_INDEED_APPLY_DATA } from "./fixtures/seed-004";
import { buildIndeedApplyData, inspectIndeedApplyData, parseIndeedApplyData } from "./index";

const SECRET = "Y0ur api secret key not shared &$%@";
const job = { title: "Professional Basket Weaver", company: "My Favorite Company" };
const issuesOf = (text: string, fields = job) => inspectIndeedApplyData(text, fields).issues;

describe("<indeed-apply-data>", () => {
  it("parses the seed's example, wrapped across lines as printed", () => {
    const data = parseIndeedApplyData(SEED_INDEED_APPLY_DATA, job);
    expect(data).toEqual({
      apiToken: "1234ABCDE",
      jobTitle: "Professional Basket Weaver",
      jobId: "Sample ID",
      jobCompanyName: "My Favorite Company",
      jobLocation: "Austin TX",
      jobUrl: "http://www.indeed.com",
      postUrl: "https://hookb.in/PxOjJqJELNH8lZLZDkpz",
      questions: "https://pastebin.com/raw/0vXq9q9b#",
    });
  });

  it("builds the seed's example back, fully URL-encoded with the indeed-apply- prefix", async () => {
    const text = await buildIndeedApplyData(
      {
        apiToken: "1234ABCDE",
        jobId: "Sample ID",
        jobLocation: "Austin TX",
        jobUrl: "http://www.indeed.com",
        postUrl: "https://hookb.in/PxOjJqJELNH8lZLZDkpz",
        questions: "https://pastebin.com/raw/0vXq9q9b#",
      },
      job,
    );
    expect(text).toBe(SEED_INDEED_APPLY_DATA.replace(/\n/g, ""));
  });

  it("encrypts the e-mail with @org/indeed-apply and needs the secret for it", async () => {
    const settings = { apiToken: "t", jobLocation: "東京都港区", email: "jobs@example.co.jp", locale: "ja" };
    const text = await buildIndeedApplyData(
      settings,
      { title: "看護師", company: "ABC病院" },
      { apiSecret: SECRET },
    );
    const data = parseIndeedApplyData(text);
    expect(await decryptIndeedApplyEmail(data.email!, SECRET)).toBe("jobs@example.co.jp");
    expect(text).toContain("indeed-apply-jobTitle=%E7%9C%8B%E8%AD%B7%E5%B8%AB");
    await expect(buildIndeedApplyData(settings, job)).rejects.toSatisfy((e) => ConfigurationError.is(e));
  });

  it("refuses settings that break the seed's rules, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ apiToken: "t", jobLocation: "x" }, "postUrl"],
      [{ apiToken: "t", jobLocation: "x", postUrl: "http://insecure.example.jp/apply" }, "postUrl"],
      [
        {
          apiToken: "t",
          jobLocation: "x",
          postUrl: "https://a.example.jp",
          questions: "http://q.example.jp",
        },
        "questions",
      ],
      [{ apiToken: "", jobLocation: "x", postUrl: "https://a.example.jp" }, "apiToken"],
      [{ apiToken: "t", jobLocation: "x".repeat(51), postUrl: "https://a.example.jp" }, "jobLocation"],
      [{ apiToken: "t", jobLocation: "x", postUrl: "https://a.example.jp", jobId: "求人1" }, "jobId"],
      [{ apiToken: "t", jobLocation: "x", postUrl: "https://a.example.jp", jobId: "a".repeat(257) }, "jobId"],
      [{ apiToken: "t", jobLocation: "x", email: "a@example.jp, b@example.jp" }, "email"],
      [{ apiToken: "t", jobLocation: "x", postUrl: "https://a.example.jp", resume: "hidden" }, "questions"],
    ];
    for (const [settings, field] of cases) {
      const error = await buildIndeedApplyData(settings as never, job, { apiSecret: SECRET }).catch(
        (e: unknown) => e,
      );
      expect(ValidationError.is(error), field).toBe(true);
      expect((error as ValidationError).issues.map((issue) => issue.path[0])).toContain(field);
    }
    const longTitle = await buildIndeedApplyData(
      { apiToken: "t", jobLocation: "x", postUrl: "https://a.example.jp" },
      { title: "あ".repeat(51), company: "c" },
    ).catch((e: unknown) => e);
    expect((longTitle as ValidationError).issues[0]?.path).toEqual(["jobTitle"]);
  });

  it("reports the wrong prefix, blanks, repeats, plain e-mails and mismatches when reading", () => {
    const base =
      "indeed-apply-apiToken=t&indeed-apply-jobTitle=Professional+Basket+Weaver&indeed-apply-jobCompanyName=My+Favorite+Company&indeed-apply-jobLocation=x";
    expect(issuesOf(`${base}&indeed-apply-postUrl=https%3A%2F%2Fa.example.jp`)).toEqual([]);
    const reasons = (text: string, fields = job) => issuesOf(text, fields).map((issue) => issue.reason);
    expect(reasons(`${base}&data-indeed-apply-postUrl=https%3A%2F%2Fa.example.jp`)).toContain("wrong_prefix");
    expect(reasons(`${base}&postUrl=https%3A%2F%2Fa.example.jp`)).toContain("missing_prefix");
    expect(
      reasons(`${base}&indeed-apply-postUrl=https%3A%2F%2Fa.example.jp&indeed-apply-jobMeta=`),
    ).toContain("blank");
    expect(reasons(`${base}&indeed-apply-email=aa&indeed-apply-email=bb`)).toContain("duplicate");
    expect(reasons(`${base}&indeed-apply-email=jobs%40example.jp`)).toContain("not_encrypted");
    expect(reasons(`${base}&indeed-apply-postUrl=%ZZ`)).toContain("bad_encoding");
    expect(
      reasons(`${base}&indeed-apply-postUrl=https%3A%2F%2Fa.example.jp`, {
        title: "Other",
        company: "My Favorite Company",
      }),
    ).toEqual(["mismatch"]);
    expect(
      reasons(`${base}&indeed-apply-colour=red&indeed-apply-postUrl=https%3A%2F%2Fa.example.jp`),
    ).toEqual(["unknown_parameter"]);
    expect(reasons("")).toEqual(["blank"]);
  });

  it("round-trips any valid settings (property)", async () => {
    const text = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() === s && s.trim() !== "");
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        text,
        fc.webUrl({ validSchemes: ["https"] }),
        async (title, company, location, postUrl) => {
          const built = await buildIndeedApplyData(
            { apiToken: "tok", jobLocation: location, postUrl, jobMeta: `${title}&=%+` },
            { title, company },
          );
          const data = parseIndeedApplyData(built, { title, company });
          expect(data).toMatchObject({
            jobTitle: title,
            jobCompanyName: company,
            jobLocation: location,
            jobMeta: `${title}&=%+`,
          });
          expect(data.postUrl).toBe(postUrl);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
