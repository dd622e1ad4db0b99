import { z } from "zod";
import { InstantSchema } from "./dates";
import { createParsers } from "./parse";
import { ApplicationSourceSchema } from "./source";

/** A file that came with an application (resume, CV, answer file). Content lives in a blob store. */
export const AttachmentSchema = z.object({
  /** Where the bytes are kept (blob-store key). */
  storageKey: z.string().min(1),
  fileName: z.string().min(1),
  contentType: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** What the file is for. */
  kind: z.enum(["resume", "answer", "other"]),
  /** SHA-256 of the content, hex, to spot the same file twice. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
/** See {@link AttachmentSchema}. */
export type Attachment = z.infer<typeof AttachmentSchema>;

/** The answer to one screening question, in one shape whatever the source's format. */
export const AnswerSchema = z.object({
  questionId: z.string().min(1),
  /** The question as the candidate saw it. */
  question: z.string().optional(),
  /** Text answers as one string; multi-selects as several values; files by attachment storage key. */
  values: z.array(z.string()),
  /** Human-readable labels of selected options, when the source gives them. */
  labels: z.array(z.string()).optional(),
});
/** See {@link AnswerSchema}. */
export type Answer = z.infer<typeof AnswerSchema>;

/**
 * Something to look at on an application: it was accepted as it came, and the flag says why a
 * person should check it (e.g. `possible_duplicate`, `invalid_email`, `unassigned`).
 */
export const ApplicationFlagSchema = z.object({
  code: z.string().min(1),
  message: z.string().min(1),
  /** Details for the screen, e.g. the candidates and rules of a possible duplicate. */
  data: z.record(z.string(), z.unknown()).optional(),
  at: InstantSchema,
});
/** See {@link ApplicationFlagSchema}. */
export type ApplicationFlag = z.infer<typeof ApplicationFlagSchema>;

/** An entry in an application's history (stage moves, closing, merges), kept so actions can be undone. */
export const ApplicationHistoryEntrySchema = z.object({
  at: InstantSchema,
  action: z.string().min(1),
  detail: z.record(z.string(), z.unknown()).optional(),
});
/** See {@link ApplicationHistoryEntrySchema}. */
export type ApplicationHistoryEntry = z.infer<typeof ApplicationHistoryEntrySchema>;

/**
 * One application of a candidate, to a job or still unassigned (`jobId: null`, waiting in the
 * unassigned queue). `raw` keeps the payload as received so it can be audited and re-mapped.
 */
export const ApplicationSchema = z
  .object({
    id: z.string().min(1),
    candidateId: z.string().min(1),
    jobId: z.string().min(1).nullable(),
    stageId: z.string().min(1).nullable(),
    source: ApplicationSourceSchema,
    /** The provider's id of this application, when it has one. */
    externalId: z.string().min(1).nullable(),
    /** The normalised e-mail the candidate applied with (Indeed's duplicate rule keys on it). */
    contactEmail: z.string().min(1).nullable().default(null),
    appliedAt: InstantSchema,
    receivedAt: InstantSchema,
    status: z.enum(["active", "closed"]).default("active"),
    /** Why a closed application was closed. */
    closedReason: z.enum(["duplicate", "rejected", "withdrawn", "hired"]).optional(),
    attachments: z.array(AttachmentSchema).default([]),
    answers: z.array(AnswerSchema).default([]),
    flags: z.array(ApplicationFlagSchema).default([]),
    history: z.array(ApplicationHistoryEntrySchema).default([]),
    labels: z.array(z.string().min(1)).default([]),
    raw: z.unknown(),
  })
  .superRefine((application, ctx) => {
    if (application.jobId === null && application.stageId !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["stageId"],
        message: "An unassigned application (jobId null) has no stage",
      });
    }
    if (application.status === "closed" && application.closedReason === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["closedReason"],
        message: "A closed application needs closedReason",
      });
    }
  });
/** See {@link ApplicationSchema}. */
export type Application = z.infer<typeof ApplicationSchema>;
/** The input shape of {@link ApplicationSchema}. */
export type ApplicationInput = z.input<typeof ApplicationSchema>;

const applicationParsers = createParsers("application", ApplicationSchema);
/** Parses an {@link Application}; throws a `ValidationError` listing every failing path. */
export const parseApplication = applicationParsers.parse;
/** Parses an {@link Application} without throwing. */
export const safeParseApplication = applicationParsers.safeParse;

/** True when the application carries a flag with `code`. */
export function hasFlag(application: Pick<Application, "flags">, code: string): boolean {
  return application.flags.some((flag) => flag.code === code);
}
