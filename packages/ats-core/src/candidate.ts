import { z } from "zod";
import { CalendarDateSchema, InstantSchema } from "./dates";
import { createParsers } from "./parse";

/** A person's name. `full` is always present; `family`/`given` when the source splits them. */
export const PersonNameSchema = z.object({
  full: z.string().trim().min(1),
  family: z.string().trim().min(1).optional(),
  given: z.string().trim().min(1).optional(),
});
/** See {@link PersonNameSchema}. */
export type PersonName = z.infer<typeof PersonNameSchema>;

/** The reading of a Japanese name in kana (フリガナ / ふりがな). */
export const NameReadingSchema = z.object({
  full: z.string().trim().min(1),
  family: z.string().trim().min(1).optional(),
  given: z.string().trim().min(1).optional(),
});
/** See {@link NameReadingSchema}. */
export type NameReading = z.infer<typeof NameReadingSchema>;

/** A phone number in E.164 form, e.g. `+819012345678`. */
export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "Expected an E.164 phone number such as +819012345678");

/**
 * A person known to the ATS. Emails are stored normalised (lower case) and phones in E.164;
 * run them through `normaliseEmail` / `normalisePhone` first.
 */
export const CandidateSchema = z.object({
  id: z.string().min(1),
  name: PersonNameSchema,
  nameReading: NameReadingSchema.optional(),
  emails: z.array(z.email()).default([]),
  phones: z.array(E164Schema).default([]),
  birthDate: CalendarDateSchema.optional(),
  gender: z.enum(["male", "female", "other", "unspecified"]).optional(),
  /** Labels such as the graduation year (`2027年卒`) or tags set by recruiters. */
  labels: z.array(z.string().min(1)).default([]),
  createdAt: InstantSchema,
  /** Set when this candidate was merged into another one; the merge can be undone. */
  mergedInto: z.string().min(1).optional(),
});
/** See {@link CandidateSchema}. */
export type Candidate = z.infer<typeof CandidateSchema>;
/** The input shape of {@link CandidateSchema}. */
export type CandidateInput = z.input<typeof CandidateSchema>;

const candidateParsers = createParsers("candidate", CandidateSchema);
/** Parses a {@link Candidate}; throws a `ValidationError` listing every failing path. */
export const parseCandidate = candidateParsers.parse;
/** Parses a {@link Candidate} without throwing. */
export const safeParseCandidate = candidateParsers.safeParse;
