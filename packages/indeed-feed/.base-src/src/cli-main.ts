import { parseArgs } from "node:util";
import { AtsError } from "@org/ats-core";
import { DOCUMENT_RULES, LintTally, lintFeed } from "./feed-linter";
import type { FetchLike } from "./feed-reader";
import type { LintFinding } from "./lint-finding";
import { LINT_RULES } from "./lint-rules";

/** Where the CLI writes: `process` in real use, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): boolean; once?(event: "drain", listener: () => void): unknown };
  stderr: { write(text: string): boolean; isTTY?: boolean };
  /** For tests: the fetch used for URLs. */
  fetch?: FetchLike;
}

const USAGE = `Usage: indeed-feed lint <file|url> [options]
       indeed-feed rules

Lints an Indeed XML job feed (Indeed's Japanese manual rules) job by job, without loading it whole.

Options:
  --format text|json   output format (default text)
  --lang en|ja|both    language of messages in text output (default en)
  --disable <ids>      comma-separated rule ids to switch off (see \`indeed-feed rules\`)
  --now <ISO date>     the instant dates are checked against (default: now)
  --no-progress        no progress lines on stderr
  -h, --help           this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the feed could not be read or bad usage.`;

async function write(stream: CliIo["stdout"], text: string): Promise<void> {
  // Respect backpressure: a feed with many findings must not pile up in memory.
  if (!stream.write(text) && stream.once !== undefined)
    await new Promise<void>((resolve) => stream.once!("drain", resolve));
}

const formatLocation = (source: string, finding: LintFinding) => {
  const { line, column, referenceNumber } = finding.location;
  return `${source}:${line}${column === undefined ? "" : `:${column}`}${referenceNumber === undefined ? "" : ` [${referenceNumber}]`}`;
};

/**
 * Runs `indeed-feed` with `argv` (without the node and script paths) and returns the exit status.
 * The bin entry calls it with `process`; tests call it with buffers.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    io.stderr.write(`indeed-feed: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await write(io.stdout, `${USAGE}\n`);
    return 0;
  }
  const [command, source, ...rest] = positionals;
  if (command === "rules") {
    for (const rule of [...DOCUMENT_RULES, ...LINT_RULES]) {
      await write(
        io.stdout,
        `${rule.id.padEnd(28)} ${rule.severity.padEnd(8)} ${rule.description.en} / ${rule.description.ja}\n`,
      );
    }
    return 0;
  }
  if (command !== "lint" || source === undefined || rest.length > 0) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const format = values.format ?? "text";
  const lang = values.lang ?? "en";
  if (format !== "text" && format !== "json") {
    io.stderr.write(`indeed-feed: --format is text or json, not "${format}"\n`);
    return 2;
  }
  if (lang !== "en" && lang !== "ja" && lang !== "both") {
    io.stderr.write(`indeed-feed: --lang is en, ja or both, not "${lang}"\n`);
    return 2;
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) {
    io.stderr.write(
      `indeed-feed: --now "${values.now}" is not a date; use ISO 8601 such as 2026-11-21T00:00:00Z\n`,
    );
    return 2;
  }
  const disable = (values.disable ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  const progress = values.progress !== false;
  const tty = io.stderr.isTTY === true;
  const tally = new LintTally();
  let jobs = 0;
  const onJob = (count: number) => {
    jobs = count;
    if (!progress) return;
    if (tty && count % 1000 === 0) io.stderr.write(`\r${count.toLocaleString("en-US")} jobs read`);
    else if (!tty && count % 50_000 === 0) io.stderr.write(`${count.toLocaleString("en-US")} jobs read\n`);
  };
  const options = { disable, now, onJob, ...(io.fetch === undefined ? {} : { fetch: io.fetch }) };
  let first = true;
  try {
    if (format === "json") await write(io.stdout, `{"source":${JSON.stringify(source)},"findings":[`);
    for await (const finding of lintFeed(source, options)) {
      tally.add(finding);
      if (format === "json") {
        await write(io.stdout, `${first ? "\n" : ",\n"}${JSON.stringify(finding)}`);
      } else {
        const message =
          lang === "en"
            ? finding.message
            : lang === "ja"
              ? finding.messageJa
              : `${finding.message}\n    ${finding.messageJa}`;
        await write(
          io.stdout,
          `${formatLocation(source, finding)} ${finding.severity} ${finding.ruleId}: ${message}\n`,
        );
      }
      first = false;
    }
  } catch (error) {
    if (tty && progress && jobs >= 1000) io.stderr.write("\n");
    const message =
      AtsError.is(error) || (error as NodeJS.ErrnoException).code !== undefined
        ? (error as Error).message
        : String(error);
    io.stderr.write(`indeed-feed: cannot read ${source}: ${message}\n`);
    return 2;
  }
  if (tty && progress && jobs >= 1000) io.stderr.write("\n");
  const { summary } = tally;
  if (format === "json") {
    await write(io.stdout, `${first ? "" : "\n"}],"jobs":${jobs},"summary":${JSON.stringify(summary)}}\n`);
  } else {
    const rules = Object.entries(summary.byRule).sort((a, b) => b[1].count - a[1].count);
    let text = `\n${jobs.toLocaleString("en-US")} job(s) read: ${summary.errors} error(s), ${summary.warnings} warning(s)\n`;
    for (const [id, { severity, count }] of rules)
      text += `  ${String(count).padStart(8)}  ${severity.padEnd(7)} ${id}\n`;
    await write(io.stdout, text);
  }
  return summary.errors > 0 ? 1 : 0;
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: "string" },
      lang: { type: "string" },
      disable: { type: "string" },
      now: { type: "string" },
      progress: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
