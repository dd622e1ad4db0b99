import { type FeedJob, type FeedJobInput, parseFeedJob } from "./feed-job";

/*
 * schema.org `JobPosting` for Google for Jobs, from the same job model as the Indeed feed
 * (https://developers.google.com/search/docs/appearance/structured-data/job-posting). The lossy fields —
 * pay and employment type — are mapped only when they parse cleanly; otherwise they are left out rather
 * than guessed, because wrong structured data costs more than missing data.
 */

/** `baseSalary` of a JobPosting. */
export interface MonetaryAmount {
  "@type": "MonetaryAmount";
  currency: string;
  value: {
    "@type": "QuantitativeValue";
    value?: number;
    minValue?: number;
    maxValue?: number;
    unitText: "HOUR" | "DAY" | "WEEK" | "MONTH" | "YEAR";
  };
}

/** A schema.org JobPosting, as this package writes it. */
export interface JobPosting {
  "@context": "https://schema.org/";
  "@type": "JobPosting";
  title: string;
  description: string;
  datePosted: string;
  validThrough?: string;
  employmentType?: string[];
  hiringOrganization: { "@type": "Organization"; name: string; sameAs?: string; logo?: string };
  identifier: { "@type": "PropertyValue"; name: string; value: string };
  jobLocation: {
    "@type": "Place";
    address: {
      "@type": "PostalAddress";
      addressCountry: string;
      addressRegion: string;
      addressLocality: string;
      streetAddress?: string;
      postalCode?: string;
    };
  };
  jobLocationType?: "TELECOMMUTE";
  baseSalary?: MonetaryAmount;
  url: string;
  directApply?: boolean;
}

/** Options of {@link toJobPosting}. */
export interface JobPostingOptions {
  /** The employer's site (`hiringOrganization.sameAs`). */
  organizationUrl?: string;
  /** The employer's logo URL. */
  organizationLogo?: string;
  /** True when the page lets seekers apply directly (Google's `directApply`). */
  directApply?: boolean;
}

const PAY_UNITS: Readonly<Record<string, MonetaryAmount["value"]["unitText"]>> = {
  時給: "HOUR",
  日給: "DAY",
  週給: "WEEK",
  月給: "MONTH",
  月収: "MONTH",
  年収: "YEAR",
  年俸: "YEAR",
};
const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万)?円?`;
const SALARY = new RegExp(`^(時給|日給|週給|月給|月収|年収|年俸)${AMOUNT}(?:(~|以上)(?:${AMOUNT})?)?$`);

function amount(digits: string, decimals: string | undefined, man: string | undefined): number {
  const value = Number(`${digits.replaceAll(",", "")}${decimals === undefined ? "" : `.${decimals}`}`);
  return man === undefined ? value : Math.round(value * 10_000);
}

/**
 * Parses pay written the simple way Indeed asks for (`日給10,000円`, `年収400万円~500万円`, `時給1,200円~`,
 * `月給25万円以上`) into a `MonetaryAmount` in JPY. Anything else — breakdowns, foreign currencies,
 * words — gives `undefined`.
 */
export function parseJapaneseSalary(text: string): MonetaryAmount | undefined {
  const compact = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[〜～]/g, "~");
  const match = SALARY.exec(compact);
  if (match === null) return undefined;
  const [, unit, minDigits, minDecimals, minMan, range, maxDigits, maxDecimals, maxMan] = match;
  const min = amount(minDigits!, minDecimals, minMan);
  const value: MonetaryAmount["value"] = { "@type": "QuantitativeValue", unitText: PAY_UNITS[unit!]! };
  if (maxDigits !== undefined) {
    if (range !== "~") return undefined;
    const max = amount(maxDigits, maxDecimals, maxMan);
    if (max < min) return undefined;
    value.minValue = min;
    value.maxValue = max;
  } else if (range !== undefined) {
    value.minValue = min;
  } else {
    value.value = min;
  }
  return { "@type": "MonetaryAmount", currency: "JPY", value };
}

const EMPLOYMENT_TYPES: Readonly<Record<string, string>> = {
  正社員: "FULL_TIME",
  正規職員: "FULL_TIME",
  正職員: "FULL_TIME",
  契約社員: "CONTRACTOR",
  契約職員: "CONTRACTOR",
  業務委託: "CONTRACTOR",
  派遣社員: "TEMPORARY",
  "アルバイト・パート": "PART_TIME",
  アルバイト: "PART_TIME",
  パート: "PART_TIME",
  非常勤: "PART_TIME",
  インターン: "INTERN",
  ボランティア: "VOLUNTEER",
  fulltime: "FULL_TIME",
  "full-time": "FULL_TIME",
  parttime: "PART_TIME",
  "part-time": "PART_TIME",
  contract: "CONTRACTOR",
  temporary: "TEMPORARY",
  internship: "INTERN",
};

/**
 * Google's `employmentType` values for `<jobtype>` words, or `undefined` when any word is not one that
 * maps cleanly (so that a job is never labelled with a guess).
 */
export function employmentTypesOf(jobTypes: readonly string[] | undefined): string[] | undefined {
  if (jobTypes === undefined || jobTypes.length === 0) return undefined;
  const mapped = jobTypes.map(
    (word) => EMPLOYMENT_TYPES[word.trim().toLowerCase()] ?? EMPLOYMENT_TYPES[word.trim()],
  );
  if (mapped.some((type) => type === undefined)) return undefined;
  return [...new Set(mapped as string[])];
}

/**
 * A schema.org `JobPosting` (JSON-LD) from a feed job: title, description HTML, dates, organisation,
 * address, identifier (`referencenumber`), and pay and employment type when they parse cleanly.
 *
 * @throws ValidationError when the job is not a valid feed job.
 */
export function toJobPosting(input: FeedJobInput | FeedJob, options: JobPostingOptions = {}): JobPosting {
  const job = parseFeedJob(input);
  const posting: JobPosting = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    title: job.title.trim(),
    description: job.description,
    datePosted: job.date.toISOString(),
    hiringOrganization: { "@type": "Organization", name: job.company.trim() },
    identifier: { "@type": "PropertyValue", name: job.company.trim(), value: job.referenceNumber.trim() },
    jobLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        addressCountry: job.country,
        addressRegion: job.state.trim(),
        addressLocality: job.city.trim(),
      },
    },
    url: job.url,
  };
  const validThrough = job.expirationDate ?? job.expDate;
  if (validThrough !== undefined) posting.validThrough = validThrough.toISOString();
  const employmentType = employmentTypesOf(job.jobTypes);
  if (employmentType !== undefined) posting.employmentType = employmentType;
  if (job.streetAddress !== undefined && job.streetAddress.trim() !== "")
    posting.jobLocation.address.streetAddress = job.streetAddress.trim();
  if (job.postalCode !== undefined && job.postalCode.trim() !== "")
    posting.jobLocation.address.postalCode = job.postalCode.trim();
  if (job.remoteType !== undefined && /^fully remote$/i.test(job.remoteType.trim()))
    posting.jobLocationType = "TELECOMMUTE";
  const salary =
    job.salary === undefined || job.country !== "JP" ? undefined : parseJapaneseSalary(job.salary);
  if (salary !== undefined) posting.baseSalary = salary;
  if (options.organizationUrl !== undefined) posting.hiringOrganization.sameAs = options.organizationUrl;
  if (options.organizationLogo !== undefined) posting.hiringOrganization.logo = options.organizationLogo;
  if (options.directApply !== undefined) posting.directApply = options.directApply;
  return posting;
}

/**
 * The `<script type="application/ld+json">` element for a posting, safe to put in HTML: `<`, `>`, `&`
 * and the JavaScript line separators are escaped so that no text of the job can close the script.
 */
export function jobPostingScript(posting: JobPosting): string {
  const json = JSON.stringify(posting).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `<script type="application/ld+json">${json}</script>`;
}
