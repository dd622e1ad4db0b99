/**
 * Structured logs (one JSON object per line) with secrets redacted: any field whose name says
 * secret, token, password, signature, authorization or key is replaced, at any depth, before
 * the line is written.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** A logger bound to some context fields. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /secret|token|password|passwd|signature|authorization|cookie|api[-_]?key|^key$/i;

/** Copies `value` with secret-named fields replaced by `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || typeof value !== "object" || value === null) return value;
  if (value instanceof Error)
    return { name: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}) };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((entry) => redact(entry, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value))
    out[key] = SECRET_FIELD.test(key) ? "[redacted]" : redact(entry, depth + 1);
  return out;
}

/** A logger writing JSON lines to `write` (default stdout). */
export function createLogger(
  level: LogLevel,
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit = (at: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level: at,
        message,
        ...(redact({ ...base, ...fields }) as Record<string, unknown>),
      }),
    );
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
