import type { Session } from "./sessions";

/** The languages of the recruiter's pages; Japanese is the default. */
export type Lang = "ja" | "en";

/** What every page is rendered with. */
export interface PageContext {
  lang: Lang;
  /** The current path with its query, for the language switch to come back to. */
  path: string;
  session: Session | undefined;
  /** Picks the text of the page's language. */
  t(ja: string, en: string): string;
}

/** A context for `lang`. */
export function pageContext(lang: Lang, path: string, session: Session | undefined): PageContext {
  return { lang, path, session, t: (ja, en) => (lang === "ja" ? ja : en) };
}
