/*
 * The subset of Java's SimpleDateFormat that date questions use (seed 004_7a98198eda9710f9.txt:
 * "Indeed ではSimpleDateFormatを使用しており…月のフォーマットはMMにする必要があります", and
 * "yyではなくyyyyを使用してください"). Only day, month and year fields make sense in a date answer.
 */

/** A calendar date read under a format. */
export interface CalendarDay {
  /** Four-digit year. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/** A date format compiled once, used to check `min`, `max` and answers. */
export interface DateFormat {
  /** The pattern as written. */
  readonly pattern: string;
  /** The date `text` denotes, or `undefined` when it does not follow the pattern or is no real date. */
  parse(text: string): CalendarDay | undefined;
  /** `text` in this format. */
  format(day: CalendarDay): string;
}

/** Why a pattern cannot be used for a date question. */
export interface DateFormatProblem {
  /** A stable reason. */
  code:
    | "minutes_instead_of_month"
    | "two_digit_year"
    | "unsupported_field"
    | "missing_field"
    | "unclosed_quote";
  /** What is wrong and how to write it instead. */
  message: string;
}

type Token = { kind: "literal"; text: string } | { kind: "field"; letter: "y" | "M" | "d"; width: number };

function tokenize(pattern: string): { tokens: Token[]; problems: DateFormatProblem[] } {
  const tokens: Token[] = [];
  const problems: DateFormatProblem[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) {
        problems.push({ code: "unclosed_quote", message: `The quote at position ${i} is never closed` });
        break;
      }
      tokens.push({ kind: "literal", text: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      const width = j - i;
      if (ch === "y" || ch === "M" || ch === "d") {
        if (ch === "y" && width !== 4) {
          problems.push({
            code: "two_digit_year",
            message: `"${"y".repeat(width)}" is ambiguous: write the year as yyyy`,
          });
        }
        if (ch === "M" && width > 2) {
          problems.push({
            code: "unsupported_field",
            message: `"${"M".repeat(width)}" is a month name: use MM`,
          });
        }
        tokens.push({ kind: "field", letter: ch, width });
      } else if (ch === "m") {
        problems.push({
          code: "minutes_instead_of_month",
          message: `"${"m".repeat(width)}" means minutes in SimpleDateFormat: write the month as MM`,
        });
      } else {
        problems.push({
          code: "unsupported_field",
          message: `"${ch.repeat(width)}" is not a day, month or year field (use d, MM, yyyy)`,
        });
      }
      i = j;
      continue;
    }
    tokens.push({ kind: "literal", text: ch });
    i++;
  }
  for (const letter of ["y", "M", "d"] as const) {
    if (!tokens.some((token) => token.kind === "field" && token.letter === letter)) {
      const name = { y: "year (yyyy)", M: "month (MM)", d: "day (dd)" }[letter];
      problems.push({ code: "missing_field", message: `The format has no ${name}` });
    }
  }
  return { tokens, problems };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Problems that make `pattern` unusable for a date question (empty when it is fine). */
export function checkDateFormat(pattern: string): DateFormatProblem[] {
  return tokenize(pattern).problems;
}

/**
 * Compiles a date pattern such as `dd/MM/yyyy` or `yyyy年M月d日`. A pattern with problems still
 * compiles (fields it cannot read are skipped), so answers can be checked as far as possible; call
 * {@link checkDateFormat} to report the problems.
 */
export function compileDateFormat(pattern: string): DateFormat {
  const { tokens } = tokenize(pattern);
  const fields: ("y" | "M" | "d")[] = [];
  let source = "^";
  for (const token of tokens) {
    if (token.kind === "literal") source += escapeRegExp(token.text);
    else {
      fields.push(token.letter);
      const digits =
        token.letter === "y"
          ? token.width === 4
            ? "\\d{4}"
            : "\\d{2}"
          : token.width === 2
            ? "\\d{2}"
            : "\\d{1,2}";
      source += `(${digits})`;
    }
  }
  const regex = new RegExp(`${source}$`);
  return {
    pattern,
    parse(text) {
      const match = regex.exec(text.trim());
      if (!match) return undefined;
      const day: CalendarDay = { year: Number.NaN, month: Number.NaN, day: Number.NaN };
      fields.forEach((letter, index) => {
        const value = Number(match[index + 1]);
        if (letter === "y") day.year = value;
        else if (letter === "M") day.month = value;
        else day.day = value;
      });
      if (!Number.isInteger(day.year) || !Number.isInteger(day.month) || !Number.isInteger(day.day))
        return undefined;
      const date = new Date(Date.UTC(day.year, day.month - 1, day.day));
      if (
        date.getUTCFullYear() !== day.year ||
        date.getUTCMonth() !== day.month - 1 ||
        date.getUTCDate() !== day.day
      )
        return undefined;
      return day;
    },
    format(day) {
      let out = "";
      for (const token of tokens) {
        if (token.kind === "literal") out += token.text;
        else {
          const value = token.letter === "y" ? day.year : token.letter === "M" ? day.month : day.day;
          out += String(value).padStart(token.width, "0");
        }
      }
      return out;
    },
  };
}

/** Orders two days: negative when `a` is earlier. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
