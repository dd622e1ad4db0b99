import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FeedJob, FeedJobSchema } from "./feed-job";
import { fastCheckFeedJob } from "./feed-job-fast-check";
import { seedJapaneseJob } from "./fixtures/seed-004";

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom("", " ", "\u3000", "a,b", "JP", "jp", "正社員"),
  fc.webUrl(),
  fc.constantFrom(
    "https://",
    "http://a b",
    "https://例え.jp/求人?x=1",
    "ftp://x.jp/",
    "HTTPS://X.JP/",
    "https://x.jp/%zz",
  ),
  fc.integer({ min: -3, max: 3 }),
  fc.double(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.oneof(fc.string(), fc.webUrl(), fc.constant("a,b"), fc.integer()), { maxLength: 3 }),
  fc.constant(null),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 }),
);
const KEYS = [
  "title",
  "date",
  "referenceNumber",
  "requisitionId",
  "url",
  "company",
  "city",
  "state",
  "country",
  "station",
  "postalCode",
  "streetAddress",
  "email",
  "description",
  "salary",
  "education",
  "experience",
  "jobTypes",
  "categories",
  "expirationDate",
  "trackingUrl",
  "lastActivityDate",
  "timeShift",
  "subwayAccess",
  "rawLocation",
  "expDate",
  "benefits",
  "rawSalary",
  "hires",
  "keywords",
  "imageUrls",
  "sourceName",
  "remoteType",
  "apiJobId",
  "indeedApply",
  "customElements",
  "unknownKey",
];

describe("fastCheckFeedJob", () => {
  it("accepts the seed's job as the schema does", () => {
    expect(fastCheckFeedJob(seedJapaneseJob())).toEqual(FeedJobSchema.parse(seedJapaneseJob()));
  });

  it("tells blank text from filled text for every first character", () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const title = `${String.fromCharCode(unit)} `;
      const accepted = fastCheckFeedJob(seedJapaneseJob({ title })) !== undefined;
      if (accepted !== FeedJobSchema.safeParse(seedJapaneseJob({ title })).success)
        expect({ unit, accepted }).toEqual({ unit, accepted: !accepted });
    }
  });

  it("is sound: what it accepts, the schema accepts with the same output (property)", () => {
    const mutated = fc.tuple(fc.constantFrom(...KEYS), anyValue, fc.constantFrom(...KEYS), anyValue);
    fc.assert(
      fc.property(mutated, ([k1, v1, k2, v2]) => {
        const input: Record<string, unknown> = { ...seedJapaneseJob(), [k1]: v1, [k2]: v2 };
        if (
          input.customElements !== undefined &&
          typeof input.customElements === "object" &&
          input.customElements !== null
        ) {
          // Custom element names are the writer's layout's business (validated once per writer).
          input.customElements = Object.fromEntries(
            Object.entries(input.customElements).map(([, v], i) => [`custom_${i}`, v]),
          );
        }
        const fast = fastCheckFeedJob(input);
        if (fast === undefined) return;
        const slow = FeedJobSchema.safeParse(input);
        expect(slow.success).toBe(true);
        // Unknown keys are ignored on both paths: zod strips them, the writer never reads them.
        const { unknownKey: _ignored, ...known } = fast as FeedJob & { unknownKey?: unknown };
        expect(known).toEqual(slow.data);
      }),
      { seed: 42, numRuns: 5000 },
    );
  });
});
