import { createParsers, InstantSchema } from "@org/ats-core";
import { z } from "zod";
import { IndeedApplySettingsSchema } from "./indeed-apply-settings";
import { XML_NAME_PATTERN } from "./xml-text";

/*
 * One `<job>` of an Indeed XML feed (SPEC §1; seed 004_7a98198eda9710f9.txt, "求人の要素一覧" and
 * "新エレメント設定について"), with the elements Indeed's current English documentation adds
 * (`sourcename`, `remotetype`, `apijobid`). Property names are camelCase; FEED_ELEMENTS maps each to
 * its element name and order.
 */

// Checked, not trimmed: the writer writes text as given (a description's leading line break is the site's own).
const requiredText = (element: string) =>
  z.string().refine((text) => text.trim() !== "", `<${element}> is required and may not be blank`);
const optionalText = z.string().optional();
/** A comma list in the feed (`カテゴリ1, カテゴリ2`): items may not hold a comma themselves. */
const commaList = (element: string) =>
  z
    .array(
      z
        .string()
        .refine((item) => item.trim() !== "", `an item of <${element}> may not be blank`)
        .refine(
          (item) => !item.includes(","),
          `an item of <${element}> may not contain a comma: the feed separates items with commas`,
        ),
    )
    .optional();
const webUrl = (element: string) =>
  z.url({ protocol: /^https?$/, error: `<${element}> must be an absolute http(s) URL` });

/** Names reserved by the standard elements, which a custom element may not take. */
const STANDARD_NAMES = new Set<string>();

/** A job of the feed, as the writer takes it and the reader gives it. */
export const FeedJobSchema = z
  .object({
    /** Job title only: no employment type, place, work style or catch copy (`美容師アシスタント`). */
    title: requiredText("title"),
    /** When the job was first posted; written RFC 1123. Never in the future. */
    date: InstantSchema,
    /** Unique and stable for the job's whole life (no dates or counters). */
    referenceNumber: requiredText("referencenumber"),
    /** The employer's requisition id; the same across feeds, need not be unique. */
    requisitionId: optionalText,
    /** The job's detail page (not the apply page), unique per job; add `source=Indeed`. */
    url: webUrl("url"),
    /** The name a job seeker recognises (brand or facility allowed); no `(株)`, brackets or reading. */
    company: requiredText("company"),
    /** Municipality and town only (`港区三田`). */
    city: requiredText("city"),
    /** Prefecture (`東京都`). */
    state: requiredText("state"),
    /** ISO country code, `JP` by default. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "<country> is an ISO 3166-1 alpha-2 code such as JP")
      .default("JP"),
    /** One railway or subway station (`六本木駅`). */
    station: optionalText,
    postalCode: optionalText,
    /** Full address with postal code, prefecture and city. */
    streetAddress: optionalText,
    /** Contact address of the client's Indeed account. */
    email: optionalText,
    /** HTML, identical to the detail page; kept raw inside CDATA. */
    description: requiredText("description"),
    /** Pay only, simple form (`年収400万円~500万円`). */
    salary: optionalText,
    education: optionalText,
    experience: optionalText,
    /** Employment types in Indeed Japan's vocabulary (`正社員`, `契約社員`, `アルバイト・パート`, …). */
    jobTypes: commaList("jobtype"),
    categories: commaList("category"),
    /** When the job stops recruiting; written as a day (`Mon, 08 Nov 2021`). */
    expirationDate: InstantSchema.optional(),
    /** Indeed GETs this URL on every click. */
    trackingUrl: webUrl("tracking_url").optional(),
    /** Latest activity on the job in the ATS; RFC 1123. */
    lastActivityDate: InstantSchema.optional(),
    /** Working hours and shifts. */
    timeShift: optionalText,
    /** Access from stations and bus stops (`○○駅から徒歩5分`). */
    subwayAccess: optionalText,
    /** Detailed workplace (street number, building). */
    rawLocation: optionalText,
    /** End of the posting; written as a day. */
    expDate: InstantSchema.optional(),
    /** Benefits (`交通費全額支給`). */
    benefits: optionalText,
    /** Detailed pay, breakdowns allowed. */
    rawSalary: optionalText,
    /** Planned number of hires. */
    hires: z.union([z.number().int().nonnegative(), z.string()]).optional(),
    /** Keyword codes from Indeed's code table. */
    keywords: commaList("keywords"),
    /** Still images: .png .jpg .bmp .wbmp .gif, shown 3:2 at 375×250. */
    imageUrls: z.array(webUrl("imageUrls")).optional(),
    /** Name of the source of the posting (Indeed's English documentation, for agencies and ATSs). */
    sourceName: optionalText,
    /** Remote work type (`Fully remote`, `Hybrid remote`). */
    remoteType: optionalText,
    /** The job's id in an API integration (Indeed's English documentation). */
    apiJobId: optionalText,
    /** Indeed Apply settings; written as `<indeed-apply-data>`. */
    indeedApply: IndeedApplySettingsSchema.optional(),
    /** Further elements of your own (`branch_id`); allowed when the standard ones are present. */
    customElements: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((job, ctx) => {
    for (const name of Object.keys(job.customElements ?? {})) {
      if (!XML_NAME_PATTERN.test(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["customElements", name],
          message: `"${name}" is not an element name: use ASCII letters, digits, _ - . and start with a letter`,
        });
      } else if (STANDARD_NAMES.has(name.toLowerCase())) {
        ctx.addIssue({
          code: "custom",
          path: ["customElements", name],
          message: `<${name}> is a standard element: set the matching property instead of a custom element`,
        });
      }
    }
  });
/** See {@link FeedJobSchema}. */
export type FeedJob = z.infer<typeof FeedJobSchema>;
/** The input shape of {@link FeedJobSchema} (dates may be ISO strings, `country` may be omitted). */
export type FeedJobInput = z.input<typeof FeedJobSchema>;

const feedJobParsers = createParsers("feed job", FeedJobSchema);
/** Parses a {@link FeedJob}; throws a `ValidationError` listing every failing path. */
export const parseFeedJob = feedJobParsers.parse;
/** Parses a {@link FeedJob} without throwing. */
export const safeParseFeedJob = feedJobParsers.safeParse;

/** How an element's value is written. */
export type FeedElementKind =
  | "text"
  | "html"
  | "instant"
  | "day"
  | "list"
  | "number-or-text"
  | "indeed-apply";

/** One standard element of a `<job>`: its property, its name in the feed, and how it is written. */
export interface FeedElement {
  readonly key: Exclude<keyof FeedJob, "customElements">;
  readonly element: string;
  readonly kind: FeedElementKind;
  /** Required in every job (seed: "必須"). */
  readonly required: boolean;
}

const element = (
  key: FeedElement["key"],
  name: string,
  kind: FeedElementKind = "text",
  required = false,
): FeedElement => Object.freeze({ key, element: name, kind, required });

/** Every standard element, in the order the seed's sample feed writes them. */
export const FEED_ELEMENTS: readonly FeedElement[] = Object.freeze([
  element("title", "title", "text", true),
  element("date", "date", "instant", true),
  element("referenceNumber", "referencenumber", "text", true),
  element("requisitionId", "requisitionid"),
  element("url", "url", "text", true),
  element("company", "company", "text", true),
  element("city", "city", "text", true),
  element("state", "state", "text", true),
  element("country", "country", "text", true),
  element("station", "station"),
  element("postalCode", "postalcode"),
  element("streetAddress", "streetaddress"),
  element("email", "email"),
  element("description", "description", "html", true),
  element("salary", "salary"),
  element("education", "education"),
  element("jobTypes", "jobtype", "list"),
  element("categories", "category", "list"),
  element("experience", "experience"),
  element("expirationDate", "expirationdate", "day"),
  element("trackingUrl", "tracking_url"),
  element("lastActivityDate", "lastactivitydate", "instant"),
  element("timeShift", "timeshift"),
  element("subwayAccess", "subwayaccess"),
  element("rawLocation", "rawlocation"),
  element("expDate", "expdate", "day"),
  element("benefits", "benefits"),
  element("rawSalary", "rawsalary"),
  element("hires", "hires", "number-or-text"),
  element("keywords", "keywords", "list"),
  element("imageUrls", "imageUrls", "list"),
  element("sourceName", "sourcename"),
  element("remoteType", "remotetype"),
  element("apiJobId", "apijobid"),
  element("indeedApply", "indeed-apply-data", "indeed-apply"),
]);
for (const { element: name } of FEED_ELEMENTS) STANDARD_NAMES.add(name.toLowerCase());

/** The element names every job must carry (seed: "必須"). */
export const REQUIRED_ELEMENTS: readonly string[] = Object.freeze(
  FEED_ELEMENTS.filter((entry) => entry.required).map((entry) => entry.element),
);

/** The standard element of a name (case-sensitive, as XML is), if any. */
export function findFeedElement(name: string): FeedElement | undefined {
  return FEED_ELEMENTS_BY_NAME.get(name);
}
const FEED_ELEMENTS_BY_NAME = new Map(FEED_ELEMENTS.map((entry) => [entry.element, entry]));
