/*
 * The HTML an `information` item may contain (seed 004_7a98198eda9710f9.txt, "information":
 * "<b><p><br><li><ul><ol><a href=" ">のHTML要素を使用できます。URLにはHTTPおよびHTTPSプロトコルのみ").
 */

const ALLOWED_TAGS = new Set(["b", "p", "br", "li", "ul", "ol", "a"]);
const TAG = /<\s*(\/?)\s*([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** One thing in an information text that Indeed does not allow. */
export interface InformationHtmlProblem {
  /** A stable reason. */
  code: "tag_not_allowed" | "attribute_not_allowed" | "link_scheme_not_allowed" | "link_without_href";
  /** What is not allowed and what to use instead. */
  message: string;
}

/** Lists the tags, attributes and links in `html` that Indeed does not allow in an `information` item. */
export function checkInformationHtml(html: string): InformationHtmlProblem[] {
  const problems: InformationHtmlProblem[] = [];
  for (const match of html.matchAll(TAG)) {
    const closing = match[1] === "/";
    const tag = match[2]!.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) {
      problems.push({
        code: "tag_not_allowed",
        message: `<${tag}> is not allowed; use only b, p, br, li, ul, ol and a href`,
      });
      continue;
    }
    if (closing) continue;
    let href: string | undefined;
    for (const attribute of (match[3] ?? "").matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      if (name === "/") continue;
      if (tag === "a" && name === "href") {
        href = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
        continue;
      }
      problems.push({
        code: "attribute_not_allowed",
        message: `<${tag} ${name}> is not allowed; only <a href> takes an attribute`,
      });
    }
    if (tag === "a") {
      if (href === undefined) problems.push({ code: "link_without_href", message: "<a> needs an href" });
      else if (!/^https?:\/\//i.test(href.trim())) {
        problems.push({
          code: "link_scheme_not_allowed",
          message: `Link "${href}" must start with http:// or https://`,
        });
      }
    }
  }
  return problems;
}
