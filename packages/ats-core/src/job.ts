import { z } from "zod";
import { InstantSchema } from "./dates";
import { createParsers } from "./parse";

/** Employment types, independent of any board's vocabulary (boards map to and from these). */
export const EmploymentTypeSchema = z.enum([
  "full_time",
  "contract",
  "part_time",
  "temporary",
  "dispatch",
  "internship",
  "outsourcing",
  "other",
]);
/** See {@link EmploymentTypeSchema}. */
export type EmploymentType = z.infer<typeof EmploymentTypeSchema>;

/** One stage of a job's hiring pipeline. */
export const StageSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
});
/** See {@link StageSchema}. */
export type Stage = z.infer<typeof StageSchema>;

/** Where the job is done. Japanese addresses split as boards and Indeed want them. */
export const JobLocationSchema = z.object({
  /** ISO 3166-1 alpha-2, e.g. `JP`, `VN`. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "Use an ISO 3166-1 alpha-2 code such as JP or VN")
    .default("JP"),
  /** Prefecture or province, e.g. `東京都`. */
  region: z.string().min(1).optional(),
  /** Municipality and town, e.g. `港区三田`. */
  city: z.string().min(1).optional(),
  streetAddress: z.string().min(1).optional(),
  postalCode: z.string().min(1).optional(),
  /** Nearest station, e.g. `六本木駅`. */
  station: z.string().min(1).optional(),
});
/** See {@link JobLocationSchema}. */
export type JobLocation = z.infer<typeof JobLocationSchema>;

/**
 * A job of the ATS. The pipeline's first stage is where new applications land (SPEC §4:
 * TopCV candidates are created "in the first stage of that job's pipeline").
 */
export const JobSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    company: z.string().min(1),
    location: JobLocationSchema,
    employmentTypes: z.array(EmploymentTypeSchema).default([]),
    status: z.enum(["open", "closed"]),
    /** When the job was first posted. */
    openedAt: InstantSchema,
    closedAt: InstantSchema.optional(),
    /** When the posting expires, if it does. */
    expiresAt: InstantSchema.optional(),
    pipeline: z
      .array(StageSchema)
      .min(1, "A job needs at least one pipeline stage: the first receives new applications"),
    /** Job description as HTML. */
    descriptionHtml: z.string().optional(),
    /** Pay in a simple form, e.g. `年収400万円~500万円`. */
    salaryText: z.string().optional(),
    /** Public detail page of the job. */
    url: z.url().optional(),
    /** The employer's requisition id, if any. */
    requisitionId: z.string().min(1).optional(),
    /** Free labels, e.g. department names. */
    labels: z.array(z.string().min(1)).default([]),
  })
  .superRefine((job, ctx) => {
    const seen = new Set<string>();
    job.pipeline.forEach((stage, index) => {
      if (seen.has(stage.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["pipeline", index, "id"],
          message: `Stage id "${stage.id}" is used twice`,
        });
      }
      seen.add(stage.id);
    });
    if (job.status === "closed" && job.closedAt === undefined) {
      ctx.addIssue({ code: "custom", path: ["closedAt"], message: "A closed job needs closedAt" });
    }
  });
/** See {@link JobSchema}. */
export type Job = z.infer<typeof JobSchema>;
/** The input shape of {@link JobSchema} (dates may be ISO strings, defaults may be omitted). */
export type JobInput = z.input<typeof JobSchema>;

const jobParsers = createParsers("job", JobSchema);
/** Parses a {@link Job}; throws a `ValidationError` listing every failing path. */
export const parseJob = jobParsers.parse;
/** Parses a {@link Job} without throwing. */
export const safeParseJob = jobParsers.safeParse;

/** The stage where new applications to `job` land. */
export function firstStage(job: Pick<Job, "pipeline">): Stage {
  // The schema guarantees at least one stage.
  return job.pipeline[0]!;
}

/** True when the job takes applications at `now`: open, and not past its expiry. */
export function isJobAcceptingApplications(job: Pick<Job, "status" | "expiresAt">, now: Date): boolean {
  if (job.status !== "open") return false;
  return job.expiresAt === undefined || job.expiresAt.getTime() > now.getTime();
}
