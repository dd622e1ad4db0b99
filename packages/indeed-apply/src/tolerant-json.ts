/*
 * The seed's own "resume fields" example has a trailing comma ("postalcode": "111-1111",}), and the
 * seed asks for a robust reader. A body that JSON.parse rejects gets one repair, trailing commas
 * removed outside strings, before it is declared unreadable.
 */

/** The result of {@link parseJsonTolerantly}. */
export type TolerantJsonResult =
  | { ok: true; value: unknown; repaired: boolean }
  | { ok: false; message: string };

function removeTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 44 /* , */) {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === "}" || text[j] === "]") {
        out += text.slice(last, i);
        last = i + 1;
      }
    }
  }
  return out + text.slice(last);
}

/** JSON.parse, then once more with trailing commas removed. Never throws. */
export function parseJsonTolerantly(text: string): TolerantJsonResult {
  try {
    return { ok: true, value: JSON.parse(text), repaired: false };
  } catch (error) {
    try {
      return { ok: true, value: JSON.parse(removeTrailingCommas(text)), repaired: true };
    } catch {
      return { ok: false, message: (error as Error).message };
    }
  }
}
