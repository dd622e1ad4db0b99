import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, parseCsv, streamCsv } from "./csv";

const fieldsOf = (text: string) => parseCsv(text).map((row) => row.fields);

describe("parseCsv", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks", () => {
    const text = '氏名,備考\r\n"山田, 太郎","彼は""すごい""\r\n2行目"\r\n佐藤,\r\n';
    const rows = parseCsv(text);
    expect(rows.map((row) => row.fields)).toEqual([
      ["氏名", "備考"],
      ["山田, 太郎", '彼は"すごい"\r\n2行目'],
      ["佐藤", ""],
    ]);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 4]);
  });

  it("strips a BOM, skips blank lines and reads a last line without a break", () => {
    expect(fieldsOf("\ufeffa,b\n\n\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(fieldsOf("")).toEqual([]);
  });

  it("reports a quote never closed on the row, with the line where it opened", () => {
    const rows = parseCsv('a,b\n1,"open\n2,3\n');
    expect(rows[1]?.line).toBe(2);
    expect(rows[1]?.problem).toMatch(/opened on line 2 is never closed/);
  });

  it("reports stray quotes without losing the row", () => {
    const [row] = parseCsv('"abc"def,ghi\n');
    expect(row?.fields).toEqual(["abcdef", "ghi"]);
    expect(row?.problem).toMatch(/text after the closing quote/);
    const [bare] = parseCsv('ab"c,d\n');
    expect(bare?.fields).toEqual(['ab"c', "d"]);
    expect(bare?.problem).toMatch(/quote inside an unquoted field/);
  });

  it("supports other delimiters and refuses impossible ones", () => {
    expect(parseCsv("a\tb\n", { delimiter: "\t" }).map((row) => row.fields)).toEqual([["a", "b"]]);
    expect(() => new CsvTokenizer({ delimiter: '"' })).toThrow(RangeError);
  });
});

describe("CsvTokenizer streaming", () => {
  it("gives the same rows whatever the chunk boundaries (including inside CRLF and quotes)", () => {
    const row = fc.array(
      fc.string({ unit: fc.constantFrom("a", "あ", ",", '"', "\n", "\r", " ", "x"), maxLength: 8 }),
      { minLength: 1, maxLength: 5 },
    );
    const encode = (fields: string[]) =>
      fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(",");
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 6 }),
        fc.array(fc.nat(40), { maxLength: 6 }),
        fc.boolean(),
        (rows, cuts, crlf) => {
          const text = rows.map(encode).join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n");
          const whole = parseCsv(text);
          const tokenizer = new CsvTokenizer();
          const streamed = [];
          let position = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            streamed.push(...tokenizer.push(text.slice(position, Math.max(position, cut))));
            position = Math.max(position, cut);
          }
          streamed.push(...tokenizer.push(text.slice(position)), ...tokenizer.end());
          expect(streamed).toEqual(whole);
          // Round trip: every non-blank row comes back as written, with the line it starts on
          // (line feeds inside quoted fields count; a lone CR inside one does not).
          const blank = (fields: string[]) => fields.length === 1 && fields[0] === "";
          expect(whole.map((parsed) => parsed.fields)).toEqual(rows.filter((fields) => !blank(fields)));
          const lines: number[] = [];
          let line = 1;
          for (const fields of rows) {
            if (!blank(fields)) lines.push(line);
            line += (encode(fields).match(/\n/g)?.length ?? 0) + 1;
          }
          expect(whole.map((parsed) => parsed.line)).toEqual(lines);
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("streams from an async iterable", async () => {
    async function* chunks() {
      yield "a,b\r";
      yield "\nc,";
      yield "d";
    }
    const rows = [];
    for await (const row of streamCsv(chunks())) rows.push(row.fields);
    expect(rows).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});
