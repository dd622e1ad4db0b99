import type { z } from "zod";
import { ValidationError, type ValidationIssue } from "./errors";

/** The result of a `safeParseX` function: the parsed value, or the error `parseX` would have thrown. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: ValidationError };

/** Converts zod issues to {@link ValidationIssue}s (zod reports every failing path, not just the first). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== "symbol"),
    message: issue.message,
    reason: issue.code,
  }));
}

/**
 * Builds the `parseX` / `safeParseX` pair for a schema. `subject` names the thing in error messages
 * ("Invalid job: 2 problem(s) …").
 */
export function createParsers<S extends z.ZodType>(subject: string, schema: S) {
  const safeParse = (input: unknown): SafeParseResult<z.output<S>> => {
    const result = schema.safeParse(input);
    if (result.success) return { success: true, data: result.data };
    return { success: false, error: new ValidationError(subject, toValidationIssues(result.error)) };
  };
  const parse = (input: unknown): z.output<S> => {
    const result = safeParse(input);
    if (!result.success) throw result.error;
    return result.data;
  };
  return { parse, safeParse };
}
