import { CsvParseError, concatBytes } from "@org/ats-core";

/** Encodings board exports come in. Shift_JIS here means Windows-31J / CP932 (㈱, ①, 髙), as Excel writes it. */
export type TextEncodingName = "utf-8" | "shift_jis";

/** How to pick the encoding: detect it, or insist on one. */
export type EncodingChoice = "auto" | TextEncodingName;

// Enough bytes to tell UTF-8 from Shift_JIS in a Japanese export: the header row and some data.
const SNIFF_BYTES = 64 * 1024;

/**
 * Detects the encoding of the start of a file: a UTF-8 BOM, or bytes that decode as UTF-8, mean
 * UTF-8; otherwise Shift_JIS when they decode as that. UTF-16 (Excel's "Unicode text") and bytes
 * that are neither are refused with a message naming the fix.
 */
export function detectEncoding(head: Uint8Array): TextEncodingName {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CsvParseError(
      1,
      'The file is UTF-16 (Excel\'s "Unicode text"); save it as "CSV UTF-8" or Shift_JIS CSV instead',
    );
  }
  if (decodes("utf-8", head)) return "utf-8";
  if (decodes("shift_jis", head)) return "shift_jis";
  throw new CsvParseError(
    1,
    "The file is neither UTF-8 nor Shift_JIS text; export it again as CSV (UTF-8 or Shift_JIS)",
  );
}

function decodes(encoding: TextEncodingName, bytes: Uint8Array): boolean {
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a byte stream as text, detecting the encoding from its first 64 KB unless told. Invalid
 * bytes further on end the stream with a `CsvParseError` naming the line, rather than turning
 * into replacement characters that would be imported as names.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  encoding: EncodingChoice = "auto",
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let line = 1;
  let chosen: TextEncodingName | undefined = encoding === "auto" ? undefined : encoding;

  const decode = (bytes: Uint8Array, stream: boolean): string => {
    decoder ??= new TextDecoder(chosen!, { fatal: true, ignoreBOM: false });
    try {
      const text = decoder.decode(bytes, { stream });
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
      return text;
    } catch (error) {
      throw new CsvParseError(
        line,
        `bytes that are not valid ${chosen === "utf-8" ? "UTF-8" : "Shift_JIS"} near this line; the file mixes encodings or is damaged`,
        { cause: error },
      );
    }
  };

  for await (const chunk of chunks) {
    if (chosen === undefined) {
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize < SNIFF_BYTES) continue;
      const head = concatBytes(pending, pendingSize);
      pending = [];
      chosen = detectEncoding(head);
      yield decode(head, true);
      continue;
    }
    const text = decode(chunk, true);
    if (text !== "") yield text;
  }
  if (chosen === undefined) {
    const head = concatBytes(pending, pendingSize);
    if (head.length === 0) return;
    chosen = detectEncoding(head);
    yield decode(head, true);
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest !== "") yield rest;
}
