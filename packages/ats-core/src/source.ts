import { z } from "zod";
import { createParsers } from "./parse";

/**
 * How an application reached the employer: a scout (the employer approached the candidate first),
 * a normal application, or `unknown` when the board cannot tell (SPEC §5; named 通常応募 by default).
 */
export const RouteKindSchema = z.enum(["scout", "normal", "unknown"]);
/** See {@link RouteKindSchema}. */
export type RouteKind = z.infer<typeof RouteKindSchema>;

/**
 * Where an application came from: the provider (a job board such as `ambi`, or `indeed`, `topcv`),
 * the provider-side account it was fetched with, the route kind, and the route's display name
 * (e.g. `AMBI (スカウト)`), which reports count by.
 */
export const ApplicationSourceSchema = z.object({
  /** Provider id: `indeed`, `topcv`, or a board id such as `ambi`, `mynavi-tenshoku`. */
  provider: z.string().min(1),
  /**
   * The provider-side account: the board login or company id, not the ATS's own row id, so that
   * deleting an account in the ATS and adding it again still recognises what was imported (SPEC §5).
   */
  account: z.string().min(1),
  route: RouteKindSchema,
  /** The route name shown and counted in reports, e.g. `AMBI (スカウト)`. */
  displayName: z.string().min(1),
  /** The integration that delivered it when not the provider itself, e.g. `robo-import`. */
  via: z.string().min(1).optional(),
  /** Whether the job ad was sponsored (Indeed analytics), when known. */
  sponsored: z.boolean().optional(),
});
/** See {@link ApplicationSourceSchema}. */
export type ApplicationSource = z.infer<typeof ApplicationSourceSchema>;

const sourceParsers = createParsers("application source", ApplicationSourceSchema);
/** Parses an {@link ApplicationSource}; throws a `ValidationError` listing every failing path. */
export const parseApplicationSource = sourceParsers.parse;
/** Parses an {@link ApplicationSource} without throwing. */
export const safeParseApplicationSource = sourceParsers.safeParse;
