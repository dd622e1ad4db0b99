import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, html, unsafeRaw } from "./html";

describe("html", () => {
  it("escapes every interpolated value", () => {
    const name = `<script>alert("x")</script>&'\``;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;</p>',
    );
  });

  it("nests html without escaping it twice, joins arrays and skips empty values", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${undefined}${null}${false}${0}`.value).toBe(
      "<ul><li>a&lt;b</li><li>c</li></ul>0",
    );
    expect(html`${unsafeRaw("<br>")}`.value).toBe("<br>");
  });

  it("never lets a markup character through (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = html`${text}`.value;
        expect(out).not.toMatch(/[<>"'`]/);
        expect(out.replace(/&(amp|lt|gt|quot|#39|#96);/g, "")).not.toContain("&");
        expect(escapeHtml(text)).toBe(out);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
