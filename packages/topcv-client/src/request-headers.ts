/** Request headers as a `Headers` object or a Node-style record (`req.headers`). */
export type RequestHeaders = Headers | Record<string, string | readonly string[] | undefined>;

/** Reads one header, case-insensitively, from either shape (the first value of a repeated one). */
export function readHeader(headers: RequestHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(
    headers as Record<string, string | readonly string[] | undefined>,
  )) {
    if (key.toLowerCase() === lower) return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}
