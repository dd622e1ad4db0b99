import { createReadStream } from "node:fs";
import { SaxesParser } from "saxes";
import { FeedLinter, readFeed } from "../src/index";

/*
 * The two readers compared by the read benchmark: a bare streaming saxes parse of the file (the
 * baseline: decode and parse, count jobs, keep nothing), and this package's read + lint.
 */

/** Bare saxes: the same 64 KiB file chunks as readFeed, UTF-8 decoding, a handler that counts `<job>`s. */
export async function bareSaxesParse(path: string): Promise<number> {
  const parser = new SaxesParser();
  let jobs = 0;
  parser.on("opentag", (tag) => {
    if (tag.name === "job") jobs += 1;
  });
  parser.on("text", () => {});
  parser.on("cdata", () => {});
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(path, { highWaterMark: 65_536 }))
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.write(decoder.decode()).close();
  return jobs;
}

/** readFeed + FeedLinter with every rule on. Returns the number of jobs and of findings. */
export async function readAndLint(path: string, now: Date): Promise<{ jobs: number; findings: number }> {
  const linter = new FeedLinter({ now });
  let jobs = 0;
  let findings = 0;
  for await (const event of readFeed(path)) {
    if (event.type === "job") jobs += 1;
    findings += linter.lintEvent(event).length;
  }
  return { jobs, findings };
}
