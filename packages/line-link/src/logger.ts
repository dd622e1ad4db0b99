/** Where the package reports what it skipped and why (never secrets, never message text). */
export interface LineLinkLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** The default logger: `console.warn` with the fields as JSON. */
export const consoleLogger: LineLinkLogger = {
  warn: (message, fields) => console.warn(`[line-link] ${message}`, fields === undefined ? "" : fields),
};
