import { z } from "zod";
import { CandidateSchema } from "./candidate";
import { InstantSchema } from "./dates";

/**
 * What a candidate merge changed, so that it can be undone exactly: the merged candidate as it
 * was, what the survivor gained, and which applications moved.
 */
export const MergeRecordSchema = z.object({
  id: z.string().min(1),
  survivorId: z.string().min(1),
  mergedId: z.string().min(1),
  at: InstantSchema,
  by: z.string().optional(),
  /** Why the two were merged (e.g. the possible-duplicate rules that matched). */
  reason: z.string().optional(),
  /** The merged candidate before the merge. */
  mergedBefore: CandidateSchema,
  /** What the survivor gained: removed again on undo. */
  gained: z.object({
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    labels: z.array(z.string()),
    nameReading: z.boolean(),
    birthDate: z.boolean(),
  }),
  movedApplicationIds: z.array(z.string()),
  undoneAt: InstantSchema.optional(),
});
/** See {@link MergeRecordSchema}. */
export type MergeRecord = z.infer<typeof MergeRecordSchema>;
