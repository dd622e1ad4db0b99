import { normaliseText } from "./text";

// Hiragana ぁ (U+3041) … ゖ (U+3096) and the iteration marks ゝゞ sit 0x60 below their katakana.
const HIRAGANA = /[\u3041-\u3096\u309D\u309E]/g;

/** Converts hiragana to katakana, leaving everything else as it is. */
export function toKatakana(input: string): string {
  return input.replace(HIRAGANA, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));
}

/**
 * Normalises a name reading (フリガナ): {@link normaliseText}, then hiragana folded to katakana,
 * so `やまだ たろう`, `ﾔﾏﾀﾞ ﾀﾛｳ` and `ヤマダ　タロウ` all become `ヤマダ タロウ`. Idempotent.
 */
export function normaliseReading(input: string): string {
  return toKatakana(normaliseText(input));
}

/** A comparison key for a reading: {@link normaliseReading} without spaces or middle dots. */
export function readingKey(input: string): string {
  return normaliseReading(input).replace(/[ ・·]/g, "");
}
