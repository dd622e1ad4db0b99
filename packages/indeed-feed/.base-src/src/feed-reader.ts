import { open } from "node:fs/promises";
import { FeedParseError, HttpError } from "@org/ats-core";
import { SaxesParser } from "saxes";
import { type Dispatcher, fetch as undiciFetch } from "undici";
import type { FeedElementRecord, FeedRecord } from "./feed-record";
import { BARE_AMPERSAND, MarkupGuard } from "./markup-guard";

/** Where a feed comes from: a file path, an http(s) URL, bytes, or a stream of bytes or text. */
export type FeedSource =
  | string
  | URL
  | Uint8Array
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** A `fetch` compatible function (undici's, the global one, or a test double). */
export type FetchLike = (
  url: string,
  init: { signal?: AbortSignal; dispatcher?: Dispatcher; redirect?: "follow" },
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}>;

/** Options of {@link readFeed}. */
export interface ReadFeedOptions {
  /** The fetch used for URLs (default undici's `fetch`); inject `globalThis.fetch` to work with msw. */
  fetch?: FetchLike;
  /** An undici dispatcher (proxy, pool, mock agent) for URL reads through undici's `fetch`. */
  dispatcher?: Dispatcher;
  /** Stops the read. */
  signal?: AbortSignal;
  /** A job whose text exceeds this many characters is skipped with an error (default 16,777,216). */
  maxJobCharacters?: number;
  /** Reading stops after this many well-formedness errors (default 1,000). */
  maxErrors?: number;
}

/** What the reader saw at the start of the document. */
export interface FeedStartEvent {
  type: "start";
  /** The root element's name (`source` in a valid feed). */
  root: string;
  line: number;
  /** The XML declaration, if present. */
  declaration: { version: string | undefined; encoding: string | undefined } | undefined;
  /** The encoding the bytes were decoded with. */
  decodedAs: string;
  /** A byte-order mark preceded the document. */
  bom: boolean;
}

/** One job, read. */
export interface FeedJobEvent {
  type: "job";
  job: FeedRecord;
}

/** A well-formedness or encoding error, located; reading continues with the next job when it can. */
export interface FeedErrorEvent {
  type: "error";
  error: FeedParseError;
}

/** The end of the document. */
export interface FeedEndEvent {
  type: "end";
  /** Jobs read (damaged ones included). */
  jobs: number;
  publisher: string | undefined;
  publisherUrl: string | undefined;
}

/** What {@link readFeed} yields, in document order. */
export type FeedReadEvent = FeedStartEvent | FeedJobEvent | FeedErrorEvent | FeedEndEvent;

const DEFAULT_MAX_JOB_CHARACTERS = 16 * 1024 * 1024;
/** Shared by every element without nested markup and every job without a repeated element (nearly all): one allocation less each. */
const NO_ELEMENTS: readonly string[] = Object.freeze([]);

/** Reads the bytes of a source as an async iterable, opening files and URLs lazily. */
async function* bytesOf(source: FeedSource, options: ReadFeedOptions): AsyncGenerator<Uint8Array | string> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (typeof source === "string" || source instanceof URL) {
    const href = source instanceof URL ? source.href : source;
    if (/^https?:\/\//i.test(href)) {
      yield* bytesOfUrl(href, options);
      return;
    }
    const handle = await open(source instanceof URL ? source : href, "r");
    try {
      for await (const chunk of handle.createReadStream({
        highWaterMark: 65_536,
        autoClose: false,
        signal: options.signal,
      })) {
        yield chunk as Buffer;
      }
    } finally {
      await handle.close();
    }
    return;
  }
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array | string>;
}

async function* bytesOfUrl(url: string, options: ReadFeedOptions): AsyncGenerator<Uint8Array> {
  const doFetch: FetchLike = options.fetch ?? (undiciFetch as unknown as FetchLike);
  const init: Parameters<FetchLike>[1] = { redirect: "follow" };
  if (options.signal !== undefined) init.signal = options.signal;
  if (options.dispatcher !== undefined) init.dispatcher = options.dispatcher;
  const exchange = { method: "GET", url: new URL(url).origin + new URL(url).pathname, requestHeaders: {} };
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await doFetch(url, init);
  } catch (cause) {
    throw new HttpError(
      "http_error",
      `Could not fetch the feed at ${exchange.url}: ${(cause as Error).message}`,
      exchange,
      { cause },
    );
  }
  if (!response.ok || response.body === null) {
    const body = (await response.text().catch(() => "")).slice(0, 2048);
    throw new HttpError(
      response.status === 404 ? "not_found" : "http_error",
      `The feed at ${exchange.url} answered ${response.status} ${response.statusText}: check the URL and that the feed is public`,
      { ...exchange, status: response.status, responseBody: body },
    );
  }
  yield* bytesOf(response.body, {}) as AsyncGenerator<Uint8Array>;
}

/** The encoding a document declares or marks, from its first bytes. */
function sniffEncoding(head: Uint8Array): { encoding: string; bom: boolean; declared: string | undefined } {
  let encoding = "utf-8";
  let bom = false;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) bom = true;
  else if (head[0] === 0xff && head[1] === 0xfe) {
    encoding = "utf-16le";
    bom = true;
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    encoding = "utf-16be";
    bom = true;
  }
  const ascii = new TextDecoder(encoding).decode(head.subarray(0, 512));
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(ascii)?.[1];
  return { encoding, bom, declared };
}

/**
 * Reads an Indeed XML feed job by job: yields a `start` event, one `job` event per `<job>`, an `error`
 * event (a `FeedParseError` with line and column) for each well-formedness problem, and an `end` event.
 * Memory is bounded by the largest job, not the feed: bytes are parsed as they arrive (saxes, a
 * conforming streaming XML parser) and only the current job's text is kept. After an error the reader
 * carries on: a job damaged by it is marked `damaged`, and the next `<job>` starts afresh.
 *
 * `source` is a file path, an http(s) URL (read through undici's `fetch`, or `options.fetch`), bytes, a
 * web `ReadableStream`, or any (async) iterable of bytes or strings such as a Node `Readable`.
 *
 * @throws HttpError when a URL cannot be fetched or answers other than 2xx.
 */
export async function* readFeed(
  source: FeedSource,
  options: ReadFeedOptions = {},
): AsyncGenerator<FeedReadEvent, void, undefined> {
  const maxJob = options.maxJobCharacters ?? DEFAULT_MAX_JOB_CHARACTERS;
  const maxErrors = options.maxErrors ?? 1000;
  const queue: FeedReadEvent[] = [];
  const parser = new SaxesParser({ position: true });
  let errors = 0;
  let jobCount = 0;
  let depth = 0;
  let rootSeen = false;
  let decodedAs = "utf-8";
  let bom = false;
  let publisher: string | undefined;
  let publisherUrl: string | undefined;
  let header: { name: string; text: string; depth: number } | undefined;

  interface OpenJob {
    index: number;
    line: number;
    column: number;
    depth: number;
    elements: Map<string, FeedElementRecord>;
    repeated: readonly string[];
    damaged: boolean;
    size: number;
    tooLarge: boolean;
  }
  interface OpenElement {
    name: string;
    text: string;
    line: number;
    column: number;
    inCdata: boolean;
    plainText: boolean;
    nestedElements: readonly string[];
  }
  let job: OpenJob | undefined;
  let element: OpenElement | undefined;
  let elementDepth = 0;

  const location = () => ({ line: parser.line, column: parser.column + 1 });
  // A cascade (every element after a second root, say) repeats one message: report it once per job.
  let lastMessage: string | undefined;
  const report = (message: string, at = location()) => {
    if (message === lastMessage) return;
    lastMessage = message;
    errors += 1;
    if (errors <= maxErrors) queue.push({ type: "error", error: new FeedParseError(at, message) });
  };
  const finishJob = () => {
    if (job === undefined) return;
    lastMessage = undefined;
    if (element !== undefined) finishElement();
    if (!job.tooLarge) {
      queue.push({
        type: "job",
        job: {
          index: job.index,
          line: job.line,
          column: job.column,
          elements: job.elements,
          repeated: job.repeated,
          damaged: job.damaged,
        },
      });
    }
    job = undefined;
  };
  const finishElement = () => {
    if (job === undefined || element === undefined) return;
    const record = element;
    record.text = ownCopy(record.text);
    if (job.elements.has(record.name)) {
      if (!job.repeated.includes(record.name)) job.repeated = [...job.repeated, record.name];
    } else {
      job.elements.set(record.name, record);
    }
    element = undefined;
  };
  const addText = (text: string, cdataSection: boolean) => {
    if (element !== undefined && job !== undefined && !job.tooLarge) {
      job.size += text.length;
      if (job.size > maxJob) {
        job.tooLarge = true;
        report(
          `the job that starts on line ${job.line} holds more than ${maxJob} characters; it is skipped (raise maxJobCharacters if the feed is right)`,
        );
        element = undefined;
        return;
      }
      element.text += text;
      if (cdataSection) element.inCdata = true;
      else if (!element.plainText && text.trim() !== "") element.plainText = true;
    } else if (header !== undefined) {
      header.text += text;
    }
  };

  parser.on("error", (error) => {
    // saxes prefixes "line:column: "; the location is carried separately.
    report(error.message.replace(/^\d+:\d+: /, ""));
    if (job !== undefined) job.damaged = true;
  });
  parser.on("opentag", (tag) => {
    depth += 1;
    // Read, not wrapped in an object: this runs for every element of the feed.
    const line = parser.line;
    const column = parser.column + 1;
    if (!rootSeen) {
      rootSeen = true;
      const declaration =
        parser.xmlDecl.version === undefined
          ? undefined
          : { version: parser.xmlDecl.version, encoding: parser.xmlDecl.encoding };
      queue.push({ type: "start", root: tag.name, line, declaration, decodedAs, bom });
    }
    if (tag.name === "job") {
      if (job !== undefined) {
        report(`<job> opened on line ${line} before the <job> of line ${job.line} was closed`, {
          line,
          column,
        });
        job.damaged = true;
        finishJob();
      }
      job = {
        index: jobCount++,
        line,
        column,
        depth,
        elements: new Map(),
        repeated: NO_ELEMENTS,
        damaged: false,
        size: 0,
        tooLarge: false,
      };
      return;
    }
    if (element !== undefined) {
      element.nestedElements = [...element.nestedElements, tag.name];
      return;
    }
    if (job !== undefined && depth === job.depth + 1) {
      element = {
        name: tag.name,
        text: "",
        line,
        column,
        inCdata: false,
        plainText: false,
        nestedElements: NO_ELEMENTS,
      };
      elementDepth = depth;
    } else if (
      job === undefined &&
      depth === 2 &&
      (tag.name === "publisher" || tag.name === "publisherurl")
    ) {
      header = { name: tag.name, text: "", depth };
    }
  });
  parser.on("text", (text) => addText(text, false));
  parser.on("cdata", (text) => addText(text, true));
  parser.on("closetag", (tag) => {
    if (element !== undefined && depth === elementDepth) finishElement();
    else if (job !== undefined && depth === job.depth && tag.name === "job") finishJob();
    else if (header !== undefined && depth === header.depth) {
      if (header.name === "publisher") publisher = header.text.trim();
      else publisherUrl = header.text.trim();
      header = undefined;
    }
    depth -= 1;
  });

  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  const guard = new MarkupGuard(maxJob);
  const feed = (text: string, final = false) => {
    for (const piece of guard.scan(text, final)) {
      if (errors > maxErrors) return;
      if (piece === BARE_AMPERSAND) {
        report('a bare "&" in text: write it inside CDATA or as &amp; (it is read as "&")');
        parser.write("&amp;");
      } else {
        parser.write(piece);
      }
    }
  };
  const startDecoding = () => {
    const sniffed = sniffEncoding(head);
    bom = sniffed.bom;
    let encoding = sniffed.encoding;
    if (sniffed.declared !== undefined && !bom) {
      try {
        encoding = new TextDecoder(sniffed.declared).encoding;
      } catch {
        report(
          `encoding "${sniffed.declared}" is not supported; the feed is read as UTF-8 (declare encoding="utf-8" and write UTF-8)`,
          { line: 1, column: 1 },
        );
      }
    } else if (
      sniffed.declared !== undefined &&
      bom &&
      new TextDecoder(encoding).encoding !== safeEncoding(sniffed.declared)
    ) {
      report(
        `the byte-order mark says ${encoding} but the declaration says ${sniffed.declared}; the byte-order mark wins`,
        { line: 1, column: 1 },
      );
    }
    decodedAs = encoding;
    decoder = new TextDecoder(encoding);
    feed(decoder.decode(head, { stream: true }));
  };

  try {
    for await (const chunk of bytesOf(source, options)) {
      if (typeof chunk === "string") {
        if (decoder === undefined && head.length === 0) decoder = new TextDecoder("utf-8");
        feed(
          chunk.charCodeAt(0) === 0xfeff && !rootSeen && parser.line === 1 && parser.column === 0
            ? chunk.slice(1)
            : chunk,
        );
      } else if (decoder === undefined) {
        const joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined;
        if (head.length >= 512) startDecoding();
      } else {
        feed(decoder.decode(chunk, { stream: true }));
      }
      if (guard.sectionTooLong) {
        report(
          `a CDATA section or comment runs past ${maxJob} characters: it is probably never closed ("]]>" or "-->" missing); reading stopped`,
        );
        break;
      }
      // A plain loop, not `yield*`: inside an async generator `yield*` wraps an array as an async
      // iterator, a promise more per event.
      if (queue.length > 0) for (const event of queue.splice(0)) yield event;
      if (errors > maxErrors) break;
    }
    if (decoder === undefined) startDecoding();
    if (!guard.sectionTooLong) feed(decoder!.decode(), true);
    if (job !== undefined)
      report(`the feed ends inside the <job> of line ${job.line}: the file is truncated`);
    if (errors <= maxErrors) parser.close();
    if (job !== undefined) {
      job.damaged = true;
      finishJob();
    }
    if (errors > maxErrors) {
      queue.push({
        type: "error",
        error: new FeedParseError(
          location(),
          `more than ${maxErrors} errors: reading stopped; fix the first ones and read again`,
        ),
      });
    }
    queue.push({ type: "end", jobs: jobCount, publisher, publisherUrl });
    for (const event of queue.splice(0)) yield event;
  } finally {
    queue.length = 0;
  }
}

/**
 * `text` as a string of its own, copied once per element (an element's text may also be pieced together
 * from several sections). saxes hands text on as slices of the chunk it parses, and a slice keeps its
 * whole chunk (tens of kilobytes) alive: jobs waiting in the queue then carry their chunks through the
 * young generation's collections into the old one, which costs copying, full collections and peak
 * memory. Slicing a concatenation makes V8 flatten it into a new string of the element's size.
 */
function ownCopy(text: string): string {
  // V8 copies substrings shorter than 13 characters anyway (SlicedString::kMinLength).
  return text.length < 13 ? text : `${text} `.slice(0, -1);
}

function safeEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}
