import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_INDEED_APPLY_DATA, SEED_SAMPLE_FEED, seedJapaneseJob } from "./fixtures/seed-004";
import { FeedLinter, FeedWriter, feedJobFromRecord, readFeed } from "./index";

/*
 * Fuzz test of the "bad input" part of the issue: truncated files, wrong or missing encoding
 * declarations, BOMs, non-XML, huge fields, unclosed CDATA, invalid dates and bytes. 10,000 feeds mutated
 * from the seed's sample and from written feeds, each read in random chunk sizes and linted: the reader
 * and the linter must never throw, every error must carry a line and a column, and the read must end.
 */

const FRAGMENTS = [
  "<",
  ">",
  "&",
  "&amp;",
  "&lt;",
  "&bogus;",
  "&#0;",
  "&#xD800;",
  "]]>",
  "<![CDATA[",
  "<!--",
  "-->",
  "<job>",
  "</job>",
  "<title>",
  "</title>",
  "</source>",
  "<source>",
  '<?xml version="1.0" encoding="Shift_JIS"?>',
  '<?xml version="1.0" encoding="nope"?>',
  "\uFEFF",
  "\u0000",
  "\u0008",
  "\uFFFF",
  "\r\n",
  "<!DOCTYPE source [<!ENTITY x 'y'>]>",
  "<a b='1' b='2'>",
  "Fri, 31 Feb 2026 00:00:00 GMT",
  "株式会社(カブシキ)",
  "あ".repeat(3000),
];
const encoder = new TextEncoder();

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; fragment: number }
  | { kind: "byte"; at: number; value: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    fragment: fc.nat({ max: FRAGMENTS.length - 1 }),
  }),
  fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(base: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = base;
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    switch (m.kind) {
      case "delete":
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + m.length));
        break;
      case "insert":
        bytes = concat(bytes.subarray(0, at), encoder.encode(FRAGMENTS[m.fragment]!), bytes.subarray(at));
        break;
      case "byte":
        bytes = Uint8Array.from(bytes);
        if (bytes.length > 0) bytes[at] = m.value;
        break;
      case "duplicate":
        bytes = concat(bytes.subarray(0, at + m.length), bytes.subarray(at));
        break;
      case "truncate":
        bytes = bytes.subarray(0, at);
        break;
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

let bases: Uint8Array[] = [];

beforeAll(async () => {
  const writer = new FeedWriter({ elements: ["salary", "jobtype", "indeed-apply-data"] });
  const written = await writer.toString([
    seedJapaneseJob({
      station: undefined,
      postalCode: undefined,
      streetAddress: undefined,
      education: undefined,
      experience: undefined,
      categories: undefined,
      expirationDate: undefined,
      requisitionId: undefined,
      indeedApply: { apiToken: "t", jobLocation: "東京都港区", postUrl: "https://apply.example.jp/indeed" },
    }),
    seedJapaneseJob({
      referenceNumber: "2",
      station: undefined,
      postalCode: undefined,
      streetAddress: undefined,
      education: undefined,
      experience: undefined,
      categories: undefined,
      expirationDate: undefined,
      requisitionId: undefined,
      description: "<p>a]]>b</p>",
    }),
  ]);
  bases = [
    encoder.encode(SEED_SAMPLE_FEED),
    encoder.encode(written),
    encoder.encode(
      SEED_SAMPLE_FEED.replace(
        "</job>",
        `<indeed-apply-data><![CDATA[${SEED_INDEED_APPLY_DATA}]]></indeed-apply-data></job>`,
      ),
    ),
  ];
});

describe("reader fuzz", () => {
  it("never crashes on 10,000 mutated feeds, and locates every error", { timeout: 300_000 }, async () => {
    let feeds = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 2 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4096 }).map((n) => (n < 512 ? n * 8 : n)),
        async (base, mutations, chunkSize) => {
          const bytes = mutate(bases[base]!, mutations);
          const linter = new FeedLinter({ now: new Date("2026-11-21T00:00:00Z") });
          let ended = false;
          for await (const event of readFeed(chunked(bytes, chunkSize), { maxJobCharacters: 64 * 1024 })) {
            // Plain checks: vitest's expect is too slow for millions of events.
            if (ended) throw new Error("an event after the end");
            linter.lintEvent(event);
            if (event.type === "error") {
              errors += 1;
              if (!(event.error.line >= 1 && event.error.column >= 1))
                throw new Error(`unlocated error: ${event.error.message}`);
            } else if (event.type === "job") {
              feedJobFromRecord(event.job);
            } else if (event.type === "end") {
              ended = true;
            }
          }
          if (!ended) throw new Error("the read did not end");
          feeds += 1;
        },
      ),
      { seed: 42, numRuns: 10_000 },
    );
    expect(feeds).toBe(10_000);
    // Most mutations break the XML: the fuzzer must really be exercising the error paths.
    expect(errors).toBeGreaterThan(5_000);
  });
});
