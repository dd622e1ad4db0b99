import {
  type EmploymentType,
  type Job,
  toValidationIssues,
  ValidationError,
  type ValidationIssue,
} from "@org/ats-core";
import { z } from "zod";
import type { PostingContent } from "./contract";

/*
 * "Một số thông tin trong form đăng tin tuyển dụng được lấy tự động từ tin đã tạo trong Base E-Hiring,
 * bạn cần điền một số thông tin còn thiếu để đăng được tin lên TopCV" (seed 002_5326164b08f43035.txt):
 * some fields are prefilled from the ATS job, the rest — the TopCV-only fields below — the user
 * completes. Which fields TopCV requires is an assumption of ours (docs/topcv-api.md (repository root)).
 */

/** `{ error }` for a field TopCV needs: a missing value says so and what to fill in. */
const need = (hint: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `Missing: ${hint}` : undefined),
});

/** TopCV's career levels (cấp bậc), as assumed. */
export const JobLevelSchema = z.enum(
  ["intern", "staff", "team_lead", "manager", "director", "executive"],
  need("the career level (cấp bậc), e.g. staff"),
);

/** Required experience (kinh nghiệm), as assumed. */
export const ExperienceSchema = z.enum(
  ["none", "under_1_year", "1_year", "2_years", "3_years", "4_years", "5_years", "over_5_years"],
  need("the experience required (kinh nghiệm), e.g. 1_year"),
);

/** Salary: a range in VND or USD, or negotiable (thoả thuận). */
export const PostingSalarySchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("range"),
        min: z.number().int().nonnegative(),
        max: z.number().int().positive(),
        currency: z.enum(["VND", "USD"]).default("VND"),
      })
      .refine((salary) => salary.max >= salary.min, {
        message: "max must be at least min",
        path: ["max"],
      }),
    z.object({ kind: z.literal("negotiable") }),
  ],
  need('the salary: { kind: "range", min, max, currency } or { kind: "negotiable" }'),
);

/** A workplace: province or city (tỉnh/thành phố), and the address. */
export const WorkplaceSchema = z.object({
  province: z.string(need("the province, e.g. Hà Nội")).trim().min(1),
  address: z.string().trim().min(1).optional(),
});

/**
 * The fields a TopCV posting needs that an ATS job does not carry (the "thông tin còn thiếu" of
 * seed 002_5326164b08f43035.txt). The user completes them in the posting form.
 */
export const TopCvPostingFieldsSchema = z.object({
  /** TopCV category ids (ngành nghề), at least one. */
  categoryIds: z
    .array(z.string().trim().min(1), need("at least one TopCV category id (ngành nghề)"))
    .min(1, "Give at least one TopCV category id (ngành nghề)"),
  jobLevel: JobLevelSchema,
  experience: ExperienceSchema,
  /** Number of hires (số lượng tuyển). */
  headcount: z.number(need("the number of hires (số lượng tuyển)")).int().positive(),
  /** Application deadline (hạn nộp hồ sơ), `YYYY-MM-DD`. */
  deadline: z.iso.date(need("the application deadline (hạn nộp hồ sơ), YYYY-MM-DD")),
  requirementsHtml: z.string(need("the candidate requirements (yêu cầu ứng viên), HTML")).trim().min(1),
  benefitsHtml: z.string(need("the benefits (quyền lợi), HTML")).trim().min(1),
  salary: PostingSalarySchema,
  contact: z.object(
    {
      name: z.string(need("the contact person's name")).trim().min(1),
      email: z.email(need("the contact e-mail")),
      phone: z.string(need("the contact phone")).trim().min(1),
    },
    need("the contact person: { name, email, phone }"),
  ),
  /** Workplaces; default the ATS job's location (its region as the province). */
  workplaces: z.array(WorkplaceSchema).min(1).optional(),
  /** Overrides the ATS job's title on TopCV. */
  title: z.string().trim().min(1).max(250).optional(),
});
/** The input of {@link TopCvPostingFieldsSchema}. */
export type TopCvPostingFields = z.input<typeof TopCvPostingFieldsSchema>;

const EMPLOYMENT_TYPES: Record<EmploymentType, PostingContent["employmentType"]> = {
  full_time: "full_time",
  part_time: "part_time",
  contract: "contract",
  temporary: "contract",
  dispatch: "contract",
  outsourcing: "contract",
  internship: "internship",
  other: "other",
};

/**
 * Combines an ATS job with the TopCV-only fields into a posting, checking everything before any
 * call: every missing or invalid field — of the job (`job.…`) and of the TopCV-only fields
 * (`topcv.…`) — is listed in one `ValidationError`.
 *
 * @throws ValidationError listing every problem, with paths such as `topcv.headcount` or `job.descriptionHtml`.
 */
export function preparePosting(job: Job, fields: unknown): PostingContent {
  const issues: ValidationIssue[] = [];
  const parsed = TopCvPostingFieldsSchema.safeParse(fields ?? {});
  if (!parsed.success)
    for (const issue of toValidationIssues(parsed.error))
      issues.push({
        ...issue,
        path: ["topcv", ...issue.path],
        reason: issue.message.startsWith("Missing:") ? "missing" : issue.reason,
      });

  if (job.status !== "open")
    issues.push({
      path: ["job", "status"],
      message: "The job is closed; reopen it to post it",
      reason: "closed",
    });
  const descriptionHtml = job.descriptionHtml?.trim() ?? "";
  if (descriptionHtml === "")
    issues.push({
      path: ["job", "descriptionHtml"],
      message: "Missing: the job description (mô tả công việc); fill it in on the ATS job",
      reason: "missing",
    });
  const employmentType = job.employmentTypes[0];
  if (employmentType === undefined)
    issues.push({
      path: ["job", "employmentTypes"],
      message: "Missing: the employment type (hình thức làm việc); set one on the ATS job",
      reason: "missing",
    });
  const workplaces =
    (parsed.success ? parsed.data.workplaces : undefined) ??
    (job.location.region
      ? [{ province: job.location.region, address: job.location.streetAddress ?? job.location.city }]
      : undefined);
  if (workplaces === undefined && !(parsed.success === false && hasPath(issues, ["topcv", "workplaces"])))
    issues.push({
      path: ["topcv", "workplaces"],
      message:
        "Missing: the workplace province (tỉnh/thành phố); give topcv.workplaces or a region on the job",
      reason: "missing",
    });

  if (!parsed.success || issues.length > 0 || employmentType === undefined || workplaces === undefined)
    throw new ValidationError(`TopCV posting for job "${job.id}"`, issues);
  const topcv = parsed.data;
  return {
    atsJobId: job.id,
    title: topcv.title ?? job.title,
    companyName: job.company,
    descriptionHtml,
    requirementsHtml: topcv.requirementsHtml,
    benefitsHtml: topcv.benefitsHtml,
    employmentType: EMPLOYMENT_TYPES[employmentType],
    workplaces: workplaces.map((place) =>
      place.address === undefined
        ? { province: place.province }
        : { province: place.province, address: place.address },
    ),
    categoryIds: topcv.categoryIds,
    jobLevel: topcv.jobLevel,
    experience: topcv.experience,
    headcount: topcv.headcount,
    deadline: topcv.deadline,
    salary: topcv.salary,
    contact: topcv.contact,
  };
}

function hasPath(issues: readonly ValidationIssue[], prefix: readonly string[]): boolean {
  return issues.some((issue) => prefix.every((part, index) => issue.path[index] === part));
}
