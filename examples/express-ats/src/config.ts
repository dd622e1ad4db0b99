import { toValidationIssues } from "@org/ats-core";
import { z } from "zod";

/**
 * The app's configuration, from the environment, validated at start: a wrong value stops the
 * process with a message naming the variable and the fix, before anything listens.
 */
export const AppConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** The URL the app is reached at from outside (webhook and callback URLs are built from it). */
  PUBLIC_BASE_URL: z
    .url({ message: "PUBLIC_BASE_URL must be a URL such as https://ats.example.com" })
    .default("http://127.0.0.1:3000"),
  /** PostgreSQL; without it the app uses PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      "DATABASE_URL must start with postgres:// (leave it unset to use the embedded PGlite)",
    )
    .optional(),
  DATA_DIR: z.string().default(".data/pglite"),
  /** Redis for the distributed scheduler (BullMQ); without it imports are scheduled in-process. */
  REDIS_URL: z
    .string()
    .regex(
      /^rediss?:\/\//,
      "REDIS_URL must start with redis:// (leave it unset to schedule imports in-process)",
    )
    .optional(),
  /** Where board robots drop their exports: `<IMPORTS_DIR>/<tenant>/<account id>/*.csv`. */
  IMPORTS_DIR: z.string().default(".data/imports"),
  /** Where e-mails are written (a local outbox folder: this reference app sends no real mail). */
  OUTBOX_DIR: z.string().default(".data/outbox"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** How long shutdown waits for in-flight work, in ms. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});
/** See {@link AppConfigSchema}. */
export type AppConfig = z.infer<typeof AppConfigSchema>;

/** Reads the configuration; throws an Error listing every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(AppConfigSchema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const result = AppConfigSchema.safeParse(relevant);
  if (result.success) return result.data;
  const lines = toValidationIssues(result.error).map(
    (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
  );
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}
