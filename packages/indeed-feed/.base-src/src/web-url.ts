/*
 * Cheap answers about the URLs nearly every feed carries — `https://careers.example.jp/jobs/123?source=Indeed`
 * — without building a `URL` (the writer validates every job's URL and the linter reads every job's
 * `source` parameter). Anything out of the ordinary is left to `URL`.
 */

/**
 * URLs `new URL()` certainly parses, as http(s): a lower-case host of plain labels whose last label
 * starts with a letter (so never an IPv4 look-alike, nor a punycode `xn--` label), no port, no user, a
 * path, query and fragment of URL-safe printable ASCII.
 */
const PLAIN_WEB_URL =
  /^https?:\/\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)*[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*)?$/;

/** True when `text` is an http(s) URL of the plain kind `new URL()` certainly parses (false says nothing). */
export function isPlainWebUrl(text: string): boolean {
  return PLAIN_WEB_URL.test(text);
}

/**
 * The first value of query parameter `name` in a plain web URL (see {@link isPlainWebUrl}), as
 * `new URL(url).searchParams.get(name)` gives it, or `null` when absent; `undefined` when the URL holds
 * `%` or `+` (whose decoding is left to `URLSearchParams`).
 */
export function plainQueryParameter(url: string, name: string): string | null | undefined {
  if (url.includes("%") || url.includes("+")) return undefined;
  // The query runs from the first `?` to the fragment's `#`; a `?` inside the fragment starts nothing.
  const hash = url.indexOf("#");
  const start = url.indexOf("?");
  if (start === -1 || (hash !== -1 && hash < start)) return null;
  const query = hash === -1 ? url.slice(start + 1) : url.slice(start + 1, hash);
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = equals === -1 ? pair : pair.slice(0, equals);
    if (key === name) return equals === -1 ? "" : pair.slice(equals + 1);
  }
  return null;
}
