import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPlainWebUrl, plainQueryParameter } from "./web-url";

const queryPart = fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*,;=:@/?]{0,30}$/);
const plainLike = fc
  .tuple(
    fc.constantFrom("http://", "https://", "HTTPS://", "ftp://"),
    fc.stringMatching(/^[a-z0-9.-]{1,20}$/),
    fc.stringMatching(/^[/?#]?[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]{0,30}$/),
  )
  .map(([scheme, host, rest]) => scheme + host + rest);

describe("isPlainWebUrl", () => {
  it("accepts only what new URL() parses as http(s) (property)", () => {
    fc.assert(
      fc.property(fc.oneof(plainLike, fc.webUrl(), fc.string()), (text) => {
        if (!isPlainWebUrl(text)) return;
        expect(URL.canParse(text)).toBe(true);
        expect(["http:", "https:"]).toContain(new URL(text).protocol);
      }),
      { seed: 11, numRuns: 20_000 },
    );
  });

  it("takes the usual job URLs and leaves the odd ones to URL", () => {
    expect(isPlainWebUrl("https://careers.example.jp/jobs/123?source=Indeed")).toBe(true);
    for (const odd of [
      "https://1.2.3.4.5/",
      "https://xn--a.jp/",
      "https://a.jp:99999/",
      "https://例え.jp/",
      "https://a b/",
    ])
      expect(isPlainWebUrl(odd)).toBe(false);
  });
});

describe("plainQueryParameter", () => {
  it("reads a parameter as URLSearchParams does (property)", () => {
    const url = fc
      .tuple(queryPart, fc.constantFrom("", "#frag", "#a?source=x"))
      .map(([query, fragment]) => `https://careers.example.jp/jobs/1?${query}${fragment}`);
    fc.assert(
      fc.property(url, fc.constantFrom("source", "a", ""), (text, name) => {
        expect(plainQueryParameter(text, name)).toBe(new URL(text).searchParams.get(name));
      }),
      { seed: 13, numRuns: 20_000 },
    );
  });

  it("reads the usual cases and leaves percent-encoding to URLSearchParams", () => {
    expect(plainQueryParameter("https://a.jp/j?source=Indeed&x=1", "source")).toBe("Indeed");
    expect(plainQueryParameter("https://a.jp/j?x=1&source", "source")).toBe("");
    expect(plainQueryParameter("https://a.jp/j#?source=Indeed", "source")).toBeNull();
    expect(plainQueryParameter("https://a.jp/j", "source")).toBeNull();
    expect(plainQueryParameter("https://a.jp/j?source=In%64eed", "source")).toBeUndefined();
  });
});
