import type { Candidate } from "../src/index.ts";

/**
 * Synthetic candidates for benchmarks: Japanese names and readings from small pools (so names
 * repeat, as real ones do), unique e-mails and phones, birth dates over 40 years. Deterministic.
 */
/** Family names with their readings (the first twelve are the commonest). */
export const FAMILY = [
  ["山田", "ヤマダ"],
  ["佐藤", "サトウ"],
  ["鈴木", "スズキ"],
  ["高橋", "タカハシ"],
  ["田中", "タナカ"],
  ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"],
  ["中村", "ナカムラ"],
  ["小林", "コバヤシ"],
  ["加藤", "カトウ"],
  ["吉田", "ヨシダ"],
  ["山本", "ヤマモト"],
  ["松本", "マツモト"],
  ["井上", "イノウエ"],
  ["木村", "キムラ"],
  ["林", "ハヤシ"],
  ["斎藤", "サイトウ"],
  ["清水", "シミズ"],
  ["山口", "ヤマグチ"],
  ["森", "モリ"],
  ["池田", "イケダ"],
  ["橋本", "ハシモト"],
  ["阿部", "アベ"],
  ["石川", "イシカワ"],
  ["前田", "マエダ"],
  ["藤田", "フジタ"],
  ["小川", "オガワ"],
  ["岡田", "オカダ"],
  ["後藤", "ゴトウ"],
  ["長谷川", "ハセガワ"],
] as const;
/** Given names with their readings. */
export const GIVEN = [
  ["太郎", "タロウ"],
  ["花子", "ハナコ"],
  ["一郎", "イチロウ"],
  ["美咲", "ミサキ"],
  ["翔太", "ショウタ"],
  ["陽菜", "ヒナ"],
  ["大輔", "ダイスケ"],
  ["さくら", "サクラ"],
  ["健", "ケン"],
  ["結衣", "ユイ"],
  ["蓮", "レン"],
  ["葵", "アオイ"],
  ["悠真", "ユウマ"],
  ["凛", "リン"],
  ["湊", "ミナト"],
  ["芽依", "メイ"],
  ["大翔", "ヒロト"],
  ["陽葵", "ヒマリ"],
  ["拓海", "タクミ"],
  ["優奈", "ユウナ"],
  ["颯太", "ソウタ"],
  ["彩花", "アヤカ"],
  ["健太", "ケンタ"],
  ["愛", "アイ"],
  ["直樹", "ナオキ"],
  ["真由", "マユ"],
  ["亮", "リョウ"],
  ["奈々", "ナナ"],
  ["誠", "マコト"],
  ["千尋", "チヒロ"],
] as const;
/** A deterministic integer hash (so attributes vary independently of each other and of the id). */
export const mix = (i: number, salt: number) => {
  let x = Math.imul(i ^ salt, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b);
  return (x ^ (x >>> 13)) >>> 0;
};
const CREATED = new Date("2026-01-01T00:00:00Z");

/** The `i`-th synthetic candidate (ids `c<i>`). */
export function syntheticCandidate(i: number, idPrefix = "c"): Candidate {
  const [family, familyReading] = FAMILY[mix(i, 1) % FAMILY.length]!;
  const [given, givenReading] = GIVEN[mix(i, 2) % GIVEN.length]!;
  const day = mix(i, 3) % 14_600;
  const birth = new Date(Date.UTC(1966, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `${idPrefix}${i}`,
    name: { full: `${family} ${given}` },
    nameReading: { full: `${familyReading} ${givenReading}` },
    emails: [`user${i}@example${i % 97}.co.jp`],
    phones: [`+8190${String(10_000_000 + i).slice(-8)}`],
    birthDate: birth,
    labels: [],
    createdAt: CREATED,
  };
}

/** A monotonic clock in milliseconds. */
export const now = () => performance.now();

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
