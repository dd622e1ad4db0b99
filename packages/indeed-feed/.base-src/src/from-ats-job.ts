import {
  type EmploymentType,
  isJobAcceptingApplications,
  type Job,
  ValidationError,
  type ValidationIssue,
} from "@org/ats-core";
import type { FeedJobInput } from "./feed-job";
import type { IndeedApplySettingsInput } from "./indeed-apply-settings";

/**
 * Employment types in Indeed Japan's vocabulary (seed 004_7a98198eda9710f9.txt, `<jobtype>`: "正社員",
 * "契約社員", "アルバイト・パート" are the words Indeed recognises; never "常勤" or "フルタイム").
 * `temporary` is fixed-term employment (有期雇用), which Japanese boards list as 契約社員.
 */
export const INDEED_JOB_TYPES: Readonly<Record<EmploymentType, string | undefined>> = Object.freeze({
  full_time: "正社員",
  contract: "契約社員",
  part_time: "アルバイト・パート",
  temporary: "契約社員",
  dispatch: "派遣社員",
  internship: "インターン",
  outsourcing: "業務委託",
  other: undefined,
});

/** How an ATS job becomes a feed job. */
export interface FromAtsJobOptions {
  /** The detail page of a job without `url`, e.g. `(job) => \`https://careers.example.jp/jobs/${job.id}\``. */
  jobUrl?: (job: Job) => string;
  /** Add `source=Indeed` to the URL so clicks from Indeed can be counted (seed: "source=Indeedトークンを含めてください"). Default true. */
  addIndeedSource?: boolean;
  /** The stable, unique `<referencenumber>`; default the ATS job id. */
  referenceNumber?: (job: Job) => string;
  /** Indeed Apply settings of the job, if it takes applications through Indeed Apply. */
  indeedApply?: (job: Job) => IndeedApplySettingsInput | undefined;
}

/** Adds `source=Indeed` to a URL unless a `source` parameter is already there. */
export function withIndeedSource(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("source")) parsed.searchParams.set("source", "Indeed");
  return parsed.toString();
}

/**
 * Maps an ats-core `Job` to a feed job: title, company and location as they are, `openedAt` as
 * `<date>`, `expiresAt` as `<expirationdate>`, `descriptionHtml`, `salaryText`, `requisitionId`,
 * `labels` as `<category>`, employment types in Indeed Japan's words.
 *
 * @throws ValidationError naming each field the feed requires and the job lacks (city, prefecture,
 *   description, URL).
 */
export function feedJobFromAtsJob(job: Job, options: FromAtsJobOptions = {}): FeedJobInput {
  const issues: ValidationIssue[] = [];
  const missing = (path: string, message: string) =>
    issues.push({ path: [path], reason: "missing", message });
  const url = job.url ?? options.jobUrl?.(job);
  if (url === undefined)
    missing("url", "Indeed needs the job's detail page: set job.url or pass options.jobUrl");
  if (job.location.city === undefined)
    missing("location.city", "Indeed needs the municipality (<city>, e.g. 港区三田)");
  if (job.location.region === undefined)
    missing("location.region", "Indeed needs the prefecture (<state>, e.g. 東京都)");
  if (job.descriptionHtml === undefined)
    missing("descriptionHtml", "Indeed needs the description HTML (<description>)");
  if (issues.length > 0) throw new ValidationError(`job ${job.id} for the Indeed feed`, issues);
  const jobTypes = [
    ...new Set(job.employmentTypes.map((type) => INDEED_JOB_TYPES[type]).filter((t) => t !== undefined)),
  ];
  const settings = options.indeedApply?.(job);
  const feedJob: FeedJobInput = {
    title: job.title,
    date: job.openedAt,
    referenceNumber: options.referenceNumber?.(job) ?? job.id,
    url: options.addIndeedSource === false ? url! : withIndeedSource(url!),
    company: job.company,
    city: job.location.city!,
    state: job.location.region!,
    country: job.location.country,
    description: job.descriptionHtml!,
  };
  if (job.requisitionId !== undefined) feedJob.requisitionId = job.requisitionId;
  if (job.location.station !== undefined) feedJob.station = job.location.station;
  if (job.location.postalCode !== undefined) feedJob.postalCode = job.location.postalCode;
  if (job.location.streetAddress !== undefined) feedJob.streetAddress = job.location.streetAddress;
  if (job.salaryText !== undefined) feedJob.salary = job.salaryText;
  if (jobTypes.length > 0) feedJob.jobTypes = jobTypes;
  if (job.labels.length > 0) feedJob.categories = job.labels.map((label) => label.replaceAll(",", " "));
  if (job.expiresAt !== undefined) feedJob.expirationDate = job.expiresAt;
  if (settings !== undefined) feedJob.indeedApply = settings;
  return feedJob;
}

/**
 * The feed jobs of an ATS's jobs: only those accepting applications at `now` (the feed must hold every
 * open job and no closed or expired one — seed: "古い求人や休止中の求人をXMLに含めないでください").
 * Streams: takes one job at a time.
 */
export async function* feedJobsFromAtsJobs(
  jobs: Iterable<Job> | AsyncIterable<Job>,
  options: FromAtsJobOptions & { now?: Date } = {},
): AsyncGenerator<FeedJobInput, void, undefined> {
  const now = options.now ?? new Date();
  for await (const job of jobs) {
    if (isJobAcceptingApplications(job, now)) yield feedJobFromAtsJob(job, options);
  }
}
