/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is itself
 * {@link SafeHtml} (made by `html` or, for trusted constant markup only, by {@link unsafeRaw}).
 * Arrays are joined; `undefined`, `null` and `false` render nothing (for `cond && html\`…\``).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** The tagged template every page is written with: interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}

/** Marks constant markup as safe. Never pass anything that came from a request or the database. */
export function unsafeRaw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
