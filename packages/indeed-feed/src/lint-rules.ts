import { FEED_ELEMENTS, REQUIRED_ELEMENTS } from "./feed-job";
import type { FeedElementRecord, FeedRecord } from "./feed-record";
import { inspectIndeedApplyData } from "./indeed-apply-data";
import type { LintSeverity } from "./lint-finding";
import type { ParsedFeedDate } from "./rfc1123";
import { SeenValues } from "./seen-values";
import { isPlainWebUrl, plainQueryParameter } from "./web-url";
import { trimmed } from "./white-space";

/*
 * The rules of SPEC §1 and the feed part of §2, each named. Unless a comment says otherwise, a rule
 * comes from seed 004_7a98198eda9710f9.txt: "求人の要素一覧" (the element table), "要素のNG例" (the NG/OK
 * examples), "フォーマットのガイドライン" (HTML) and "Indeed エントリーXML要素の制限".
 */

/** A message in English and Japanese. */
export interface BilingualMessage {
  en: string;
  ja: string;
}

/** What a rule sees of the feed beyond the job: the clock and its own memory across jobs. */
export interface LintContext {
  /** The instant dates are checked against. */
  readonly now: Date;
  /** Per-rule state kept across the jobs of one feed (created on first use). */
  state<T>(ruleId: string, create: () => T): T;
  /** `parseRfc1123`, remembered for the last few texts (several rules read the same dates). */
  parseDate(text: string): ParsedFeedDate | undefined;
  /** The parsed URL, or `undefined` when `text` is not an absolute URL; remembered for the last text. */
  parseUrl(text: string): URL | undefined;
}

/** Reports a finding on the job, optionally on one of its elements. */
export type LintReport = (message: BilingualMessage, element?: FeedElementRecord | string) => void;

/** One named lint rule. */
export interface LintRule {
  /** Stable id, used to switch the rule off (`--disable title-brackets`). */
  readonly id: string;
  readonly severity: LintSeverity;
  /** One line on what the rule checks, in English and Japanese. */
  readonly description: BilingualMessage;
  /** Checks one job. */
  check(job: FeedRecord, report: LintReport, context: LintContext): void;
}

/** The element's text, trimmed; "" when the job lacks it. Rules read it some thirty times a job. */
const text = (job: FeedRecord, name: string) => {
  const element = job.elements.get(name);
  return element === undefined ? "" : trimmed(element.text);
};

const present = (job: FeedRecord, name: string) => text(job, name) !== "";
const isJapan = (job: FeedRecord) => {
  const country = text(job, "country");
  return country === "" || country === "JP" || country.toUpperCase() === "JP";
};
/** The items of a comma list (`<jobtype>`), trimmed; most jobs have one item, so skip the split then. */
const listItems = (value: string): string[] =>
  /[,、，]/.test(value) ? value.split(/[,、，]/).map((item) => item.trim()) : value === "" ? [] : [value];

const rule = (definition: LintRule): LintRule => Object.freeze(definition);

/**
 * The line of the first job whose `value` was seen under `stateKey`, or `undefined` when this is the
 * first: the one mechanism of every "must be unique" rule.
 */
function firstLineOf(
  context: LintContext,
  stateKey: string,
  value: string,
  line: number,
): number | undefined {
  return context.state(stateKey, newSeenValues).firstLine(value, line);
}
const newSeenValues = () => new SeenValues();

const BRACKETS = /[()（）【】「」『』［］[\]〈〉《》<>＜＞〔〕{}｛｝]/;
// Words that are job titles in their own right stay out: パートナー営業, 派遣コーディネーター, 新卒採用担当.
const EMPLOYMENT_WORDS =
  /正社員|正職員|正規職員|契約社員|契約職員|派遣社員|アルバイト|パート(?!ナー)|業務委託|非常勤|常勤|嘱託|フルタイム|パートタイム|full[- ]?time|part[- ]?time/i;
const CATCH_COPY =
  /[!！★☆♪◎◆■□●○※♡♥✨]|急募|未経験OK|未経験歓迎|経験不問|高収入|高時給|日払い|週払い|できます|しませんか|募集中|大募集|オープニング|残業なし|残業ゼロ|駅チカ|駅近|駅から徒歩|連休|賞与|昇給|年休|入社祝い金|髪型自由|服装自由|WワークOK/i;
const PREFECTURES = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
];
/**
 * A character every match of PLACE_IN_TITLE holds (a prefecture's first character, 駅市区町村, or the
 * first of 在宅, リモート, テレワーク): a title without one skips the larger Unicode expression.
 */
const PLACE_HINT = new RegExp(`[${[...new Set(PREFECTURES.map((p) => p[0]))].join("")}駅市区町村在リテ]`);
const PLACE_IN_TITLE = new RegExp(
  `${PREFECTURES.map((p) => p.replace(/[都府県]$/, "")).join("|")}|[^\\s]{1,6}(?:駅|市|区|町|村)(?:$|[^\\p{Script=Han}])|在宅|リモート|テレワーク`,
  "u",
);
const PREFECTURE_SET: ReadonlySet<string> = new Set(PREFECTURES);
const LEGAL_ABBREVIATION = /[(（][株有合同社財医学宗][)）]|㈱|㈲|㈳|㈶|㈻/;
const KANA_READING = /[(（]\s*[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+\s*[)）]/u;
// Floors only after a number: 階上町 (Aomori) is a town.
const STREET_NUMBER =
  /[0-9０-９]+\s*(?:[-‐‑–—−－ー]\s*[0-9０-９]+|丁目|番地|番|号|階)|[一二三四五六七八九十]+(?:丁目|階)|ビル|[0-9０-９]+\s*[FＦ](?![a-zA-Z])|〒|[0-9]{3}-?[0-9]{4}/;
// Operator names count only before a space or a line (京王八王子駅 and 京急蒲田駅 are station names);
// minutes only after a number (国分寺駅 is a station).
const STATION_EXTRA =
  /線|鉄道|電鉄|(?:JR|ＪＲ|メトロ|東京メトロ|都営|東急|京王|小田急|西武|東武|京急|京成|阪急|阪神|近鉄|南海|名鉄|地下鉄)(?=[\s　・/／の]|$)|バス|停留所|最寄|徒歩|車で|[0-9０-９]+\s*分|km/i;
const STATION_SEPARATORS = /[、,，/／・]|\s.*駅/;
/** `<jobtype>` vocabulary Indeed Japan recognises (seed: "一般的に使用される文言"), and the usual others. */
const JAPANESE_JOB_TYPES = new Set([
  "正社員",
  "正規職員",
  "正職員",
  "契約社員",
  "契約職員",
  "アルバイト・パート",
  "パート",
  "アルバイト",
  "非常勤",
  "派遣社員",
  "業務委託",
  "インターン",
  "新卒",
  "嘱託社員",
  "ボランティア",
]);
const FULL_TIME_MISWORDS = new Set(["常勤", "フルタイム"]);
const PAY = /(?:時給|日給|月給|年収|年俸|週給)\s*[0-9０-９,，.万千]+/g;
const SALARY_BREAKDOWN =
  /内訳|モデル|手当|インセンティブ|経験者|場合|含む|例[:：]|賞与|歩合|残業代|試用期間|研修期間|\+|＋|※/;
const ESCAPED_ENTITY = /&(?:lt|gt|amp|nbsp|quot|apos|#[0-9]+|#x[0-9a-f]+);/i;
/** Tags Indeed's formatting guideline lists (a partial list: "以下は対応しているタグの一部です"), plus the inline styles it shows. */
const SUPPORTED_TAGS = new Set([
  "b",
  "strong",
  "em",
  "br",
  "p",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "tbody",
  "thead",
  "th",
  "tr",
  "td",
  "font",
  "div",
  "span",
  "i",
  "u",
]);
const HTML_TAG = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
/** Finds a tag outside SUPPORTED_TAGS in one scan; the full list is built only when there is one. */
const UNSUPPORTED_TAG = new RegExp(`<\\/?(?!(?:${[...SUPPORTED_TAGS].join("|")})\\b)[a-zA-Z]`, "i");
const IMAGE_EXTENSION = /\.(?:png|jpe?g|bmp|wbmp|gif)$/i;
const DATE_ELEMENTS = ["date", "expirationdate", "lastactivitydate", "expdate"] as const;
const STANDARD_ELEMENT_NAMES = new Set(FEED_ELEMENTS.map((entry) => entry.element));

/** Every rule, in the order findings are reported. */
export const LINT_RULES: readonly LintRule[] = Object.freeze([
  rule({
    id: "required-element",
    severity: "error",
    description: {
      en: "Every job has the required elements, not blank",
      ja: "必須要素がすべての求人に入力されていること",
    },
    check(job, report) {
      for (const name of REQUIRED_ELEMENTS) {
        if (!present(job, name)) {
          report(
            {
              en: `<${name}> is required: a job without it is dropped`,
              ja: `<${name}>は必須です。ない求人は破棄されます`,
            },
            name,
          );
        }
      }
    },
  }),
  rule({
    id: "element-repeated",
    severity: "error",
    description: { en: "An element appears once per job", ja: "要素は1求人につき1回のみ" },
    check(job, report) {
      for (const name of job.repeated) {
        report(
          {
            en: `<${name}> appears more than once in this job: keep one`,
            ja: `<${name}>がこの求人に複数あります。1つにしてください`,
          },
          name,
        );
      }
    },
  }),
  rule({
    id: "text-not-in-cdata",
    severity: "warning",
    description: { en: "Job text is written in CDATA", ja: "求人のテキストはCDATAで記述すること" },
    check(job, report) {
      for (const element of job.elements.values()) {
        if (element.plainText && !element.inCdata && element.name !== "description") {
          report(
            {
              en: `<${element.name}> text is not in <![CDATA[…]]>: Indeed expects all text in CDATA`,
              ja: `<${element.name}>のテキストが<![CDATA[…]]>で囲まれていません`,
            },
            element,
          );
        }
      }
    },
  }),
  rule({
    id: "title-employment-type",
    severity: "error",
    description: { en: "<title> holds no employment type", ja: "<title>に雇用形態を含めない" },
    check(job, report) {
      const match = EMPLOYMENT_WORDS.exec(text(job, "title"));
      if (match) {
        report(
          {
            en: `<title> carries the employment type "${match[0]}": put it in <jobtype> and keep the job title only (e.g. 美容師アシスタント)`,
            ja: `<title>に雇用形態「${match[0]}」が含まれています。<jobtype>に記載し、職種名のみにしてください(例:美容師アシスタント)`,
          },
          "title",
        );
      }
    },
  }),
  rule({
    id: "title-brackets",
    severity: "error",
    description: { en: "<title> holds no brackets", ja: "<title>に括弧を含めない" },
    check(job, report) {
      const match = BRACKETS.exec(text(job, "title"));
      if (match)
        report(
          {
            en: `<title> contains the bracket "${match[0]}": keep the job title only`,
            ja: `<title>に括弧「${match[0]}」が含まれています。職種名のみにしてください`,
          },
          "title",
        );
    },
  }),
  rule({
    id: "title-catch-copy",
    severity: "warning",
    description: {
      en: "<title> holds no catch copy or headline",
      ja: "<title>にキャッチコピーや見出しを含めない",
    },
    check(job, report) {
      const match = CATCH_COPY.exec(text(job, "title"));
      if (match) {
        report(
          {
            en: `<title> looks like catch copy ("${match[0]}"): move it to <description>`,
            ja: `<title>にキャッチコピー(「${match[0]}」)が含まれているようです。<description>に記載してください`,
          },
          "title",
        );
      }
    },
  }),
  rule({
    id: "title-location",
    severity: "warning",
    description: { en: "<title> holds no location or work style", ja: "<title>に勤務地や働き方を含めない" },
    check(job, report) {
      if (!isJapan(job)) return;
      const title = text(job, "title");
      const match = PLACE_HINT.test(title) ? PLACE_IN_TITLE.exec(title) : null;
      if (match) {
        report(
          {
            en: `<title> seems to name a place or work style ("${match[0]}"): use <city>, <state> and <station>`,
            ja: `<title>に勤務地・働き方(「${match[0]}」)が含まれているようです。<city>・<state>・<station>に記載してください`,
          },
          "title",
        );
      }
    },
  }),
  rule({
    id: "date-format",
    severity: "error",
    description: { en: "Dates are RFC 1123", ja: "日付はRFC 1123形式" },
    check(job, report, { parseDate }) {
      for (const name of DATE_ELEMENTS) {
        const value = text(job, name);
        if (value !== "" && parseDate(value) === undefined) {
          report(
            {
              en: `<${name}> "${value}" is not an RFC 1123 date such as "Fri, 19 Dec 2014 22:49:39 GMT"`,
              ja: `<${name}>「${value}」はRFC 1123形式(例:Fri, 19 Dec 2014 22:49:39 GMT)ではありません`,
            },
            name,
          );
        }
      }
    },
  }),
  rule({
    id: "date-future",
    severity: "error",
    description: { en: "<date> is not in the future", ja: "<date>が未来の日付でないこと" },
    check(job, report, { now, parseDate }) {
      const parsed = parseDate(text(job, "date"));
      if (parsed !== undefined && parsed.date.getTime() > now.getTime()) {
        report(
          {
            en: `<date> ${text(job, "date")} is in the future: Indeed hides the job; use the day it was first posted`,
            ja: `<date>${text(job, "date")}が未来の日付です。求人が非表示になります。最初に掲載された日にしてください`,
          },
          "date",
        );
      }
    },
  }),
  rule({
    id: "expirationdate-expired",
    severity: "error",
    description: { en: "No expired job in the feed", ja: "掲載終了済みの求人を含めない" },
    check(job, report, { now, parseDate }) {
      for (const name of ["expirationdate", "expdate"]) {
        const value = text(job, name);
        const parsed = value === "" ? undefined : parseDate(value);
        // A day-only date expires at the end of that day.
        const end =
          parsed === undefined ? undefined : parsed.date.getTime() + (parsed.hasTime ? 0 : 86_400_000);
        if (end !== undefined && end <= now.getTime()) {
          report(
            {
              en: `<${name}> ${text(job, name)} has passed: remove expired jobs from the feed`,
              ja: `<${name}>${text(job, name)}を過ぎています。終了した求人はフィードから削除してください`,
            },
            name,
          );
        }
      }
    },
  }),
  rule({
    id: "referencenumber-duplicate",
    severity: "error",
    description: { en: "<referencenumber> is unique", ja: "<referencenumber>が重複しないこと" },
    check(job, report, context) {
      const value = text(job, "referencenumber");
      if (value === "") return;
      const first = firstLineOf(context, "referencenumber-duplicate", value, job.line);
      if (first !== undefined)
        report(
          {
            en: `<referencenumber> "${value}" was already used by the job on line ${first}: only the first is listed`,
            ja: `<referencenumber>「${value}」は${first}行目の求人と重複しています。最初の求人のみ掲載されます`,
          },
          "referencenumber",
        );
    },
  }),
  rule({
    id: "referencenumber-volatile",
    severity: "warning",
    description: { en: "<referencenumber> holds no date", ja: "<referencenumber>に日付を含めない" },
    check(job, report) {
      const value = text(job, "referencenumber");
      if (/(?:19|20)\d{2}[-/._]?(?:0[1-9]|1[0-2])[-/._]?(?:0[1-9]|[12]\d|3[01])/.test(value)) {
        report(
          {
            en: `<referencenumber> "${value}" seems to hold a date: it must stay the same for the job's whole life`,
            ja: `<referencenumber>「${value}」に日付が含まれているようです。求人の掲載中は変更しないでください`,
          },
          "referencenumber",
        );
      }
    },
  }),
  rule({
    id: "url-invalid",
    severity: "error",
    description: { en: "<url> is an absolute http(s) URL", ja: "<url>が絶対URLであること" },
    check(job, report, { parseUrl }) {
      const value = text(job, "url");
      if (value === "" || isPlainWebUrl(value)) return;
      const url = parseUrl(value);
      if (url === undefined)
        report(
          { en: `<url> "${value}" is not an absolute URL`, ja: `<url>「${value}」は正しいURLではありません` },
          "url",
        );
      else if (!/^https?:$/.test(url.protocol))
        report({ en: `<url> must be http(s)`, ja: "<url>はhttpまたはhttpsにしてください" }, "url");
    },
  }),
  rule({
    id: "url-duplicate",
    severity: "error",
    description: { en: "<url> is unique per job", ja: "<url>が求人ごとに固有であること" },
    check(job, report, context) {
      const value = text(job, "url");
      if (value === "") return;
      const first = firstLineOf(context, "url-duplicate", value, job.line);
      if (first !== undefined)
        report(
          {
            en: `<url> is the same as the job on line ${first}'s: each job needs its own detail page`,
            ja: `<url>が${first}行目の求人と同じです。求人ごとに固有の詳細ページURLにしてください`,
          },
          "url",
        );
    },
  }),
  rule({
    id: "url-source-indeed",
    severity: "warning",
    description: { en: "<url> carries source=Indeed", ja: "<url>にsource=Indeedを含める" },
    check(job, report, { parseUrl }) {
      const value = text(job, "url");
      if (value === "") return;
      // Nearly every job's URL is a plain one, whose query is read without building a URL.
      let source = isPlainWebUrl(value) ? plainQueryParameter(value, "source") : undefined;
      if (source === undefined) {
        const url = parseUrl(value);
        if (url === undefined) return;
        source = url.searchParams.get("source");
      }
      if (source?.toLowerCase() !== "indeed") {
        report(
          {
            en: "<url> lacks source=Indeed: add it to count the clicks that come from Indeed",
            ja: "<url>にsource=Indeedがありません。Indeedからのクリック数を追跡するために追加してください",
          },
          "url",
        );
      }
    },
  }),
  rule({
    id: "company-legal-abbreviation",
    severity: "error",
    description: { en: "<company> has no (株)/(有)", ja: "<company>に(株)・(有)を使わない" },
    check(job, report) {
      const match = LEGAL_ABBREVIATION.exec(text(job, "company"));
      if (match)
        report(
          {
            en: `<company> uses "${match[0]}": write the full name (株式会社 A) or the brand name`,
            ja: `<company>に「${match[0]}」が使われています。正式名称(株式会社 A)またはブランド名にしてください`,
          },
          "company",
        );
    },
  }),
  rule({
    id: "company-reading",
    severity: "error",
    description: { en: "<company> holds no kana reading", ja: "<company>によみがなを記載しない" },
    check(job, report) {
      const match = KANA_READING.exec(text(job, "company"));
      if (match)
        report(
          {
            en: `<company> carries a reading "${match[0]}": remove it`,
            ja: `<company>によみがな「${match[0]}」が記載されています。削除してください`,
          },
          "company",
        );
    },
  }),
  rule({
    id: "company-brackets",
    severity: "error",
    description: { en: "<company> holds no brackets", ja: "<company>に括弧をつけない" },
    check(job, report) {
      const value = text(job, "company");
      if (LEGAL_ABBREVIATION.test(value) || KANA_READING.test(value)) return;
      const match = BRACKETS.exec(value);
      if (match)
        report(
          {
            en: `<company> contains the bracket "${match[0]}": give one name, e.g. the brand (Hair Salon XX)`,
            ja: `<company>に括弧「${match[0]}」が含まれています。ブランド名など1つの名称にしてください(例:Hair Salon XX)`,
          },
          "company",
        );
    },
  }),
  rule({
    id: "city-street-address",
    severity: "error",
    description: { en: "<city> holds municipality and town only", ja: "<city>は市区町村と町域まで" },
    check(job, report) {
      const value = text(job, "city");
      const match = STREET_NUMBER.exec(value);
      if (match && isJapan(job)) {
        report(
          {
            en: `<city> "${value}" holds street numbers or a building ("${match[0]}"): keep the municipality and town (港区三田) and put the rest in <streetaddress>`,
            ja: `<city>「${value}」に番地・建物名(「${match[0]}」)が含まれています。市区町村と町域(港区三田)のみにし、残りは<streetaddress>に記載してください`,
          },
          "city",
        );
      }
    },
  }),
  rule({
    id: "state-prefecture",
    severity: "warning",
    description: { en: "<state> is a prefecture", ja: "<state>は都道府県名" },
    check(job, report) {
      const value = text(job, "state");
      if (value !== "" && isJapan(job) && !PREFECTURE_SET.has(value)) {
        report(
          {
            en: `<state> "${value}" is not a prefecture name such as 東京都`,
            ja: `<state>「${value}」は都道府県名(例:東京都)ではありません`,
          },
          "state",
        );
      }
    },
  }),
  rule({
    id: "country-code",
    severity: "error",
    description: { en: "<country> is a two-letter code", ja: "<country>は2文字の国コード" },
    check(job, report) {
      const value = text(job, "country");
      if (value !== "" && !/^[A-Z]{2}$/.test(value))
        report(
          {
            en: `<country> "${value}" is not an ISO code such as JP`,
            ja: `<country>「${value}」はJPのような国コードではありません`,
          },
          "country",
        );
    },
  }),
  rule({
    id: "station-extra",
    severity: "error",
    description: {
      en: "<station> is one station name, without line, operator or bus stop",
      ja: "<station>は駅名1つのみ(路線名・鉄道会社名・バス停不可)",
    },
    check(job, report) {
      const value = text(job, "station");
      if (value === "") return;
      const extra = STATION_EXTRA.exec(value);
      if (extra) {
        report(
          {
            en: `<station> "${value}" holds "${extra[0]}": give the station only (六本木駅); bus stops and access go to <description> or <subwayaccess>`,
            ja: `<station>「${value}」に「${extra[0]}」が含まれています。駅名のみ(六本木駅)にし、バス停やアクセスは<description>か<subwayaccess>に記載してください`,
          },
          "station",
        );
      } else if (STATION_SEPARATORS.test(value) || (value.match(/駅/g)?.length ?? 0) > 1) {
        report(
          {
            en: `<station> "${value}" names several stations: give one`,
            ja: `<station>「${value}」に複数の駅があります。1つにしてください`,
          },
          "station",
        );
      }
    },
  }),
  rule({
    id: "jobtype-fulltime-word",
    severity: "error",
    description: {
      en: "<jobtype> does not use 常勤/フルタイム for full-time",
      ja: "正社員の意味で<jobtype>に「常勤」「フルタイム」と書かない",
    },
    check(job, report) {
      for (const item of listItems(text(job, "jobtype"))) {
        if (FULL_TIME_MISWORDS.has(item)) {
          report(
            {
              en: `<jobtype> "${item}" is not read as full-time: write 正社員 (or 正規職員, 正職員)`,
              ja: `<jobtype>「${item}」は正社員として反映されません。「正社員」「正規職員」「正職員」と記載してください`,
            },
            "jobtype",
          );
        }
      }
    },
  }),
  rule({
    id: "jobtype-vocabulary",
    severity: "warning",
    description: { en: "<jobtype> uses Indeed Japan's words", ja: "<jobtype>はIndeedが認識する文言で" },
    check(job, report) {
      if (!isJapan(job)) return;
      for (const item of listItems(text(job, "jobtype"))) {
        if (item !== "" && !JAPANESE_JOB_TYPES.has(item) && !FULL_TIME_MISWORDS.has(item)) {
          report(
            {
              en: `<jobtype> "${item}" may not be recognised: use 正社員, 契約社員, アルバイト・パート, 派遣社員, 業務委託 …, comma-separated`,
              ja: `<jobtype>「${item}」は反映されない可能性があります。「正社員」「契約社員」「アルバイト・パート」などを半角コンマ区切りで記載してください`,
            },
            "jobtype",
          );
        }
      }
    },
  }),
  rule({
    id: "salary-breakdown",
    severity: "error",
    description: {
      en: "<salary> holds the pay only, in a simple form",
      ja: "<salary>は給与のみをシンプルに",
    },
    check(job, report) {
      const value = text(job, "salary");
      const amounts = value.match(PAY)?.length ?? 0;
      const breakdown = SALARY_BREAKDOWN.exec(value);
      if (amounts > 1 || breakdown) {
        report(
          {
            en: `<salary> holds a breakdown or model pay${breakdown ? ` ("${breakdown[0]}")` : ""}: keep the pay only (年収400万円~700万円) and move the rest to <description>`,
            ja: `<salary>に給与の内訳やモデル年収${breakdown ? `(「${breakdown[0]}」)` : ""}が含まれています。給与のみ(年収400万円~700万円)にし、内訳は<description>に記載してください`,
          },
          "salary",
        );
      }
    },
  }),
  rule({
    id: "description-escaped-html",
    severity: "error",
    description: {
      en: "<description> HTML is raw inside CDATA, not entity-escaped",
      ja: "<description>のHTMLはエスケープせずCDATA内に記述",
    },
    check(job, report) {
      const element = job.elements.get("description");
      if (element === undefined) return;
      const match = element.text.includes("&") ? ESCAPED_ENTITY.exec(element.text) : null;
      if (match) {
        report(
          {
            en: `<description> contains the escaped entity "${match[0]}": Indeed rejects &lt; &gt; &amp; &nbsp;; write raw HTML (<p>) inside CDATA`,
            ja: `<description>にエスケープ文字「${match[0]}」があります。&lt; &gt; &amp; &nbsp;等は使用不可です。CDATA内に生のHTML(<p>)で記述してください`,
          },
          element,
        );
      } else if (element.nestedElements.length > 0) {
        report(
          {
            en: `<description> holds HTML as XML elements (<${element.nestedElements[0]}>): wrap the HTML in <![CDATA[…]]>`,
            ja: `<description>のHTML(<${element.nestedElements[0]}>)がCDATAで囲まれていません。<![CDATA[…]]>で囲んでください`,
          },
          element,
        );
      } else if (element.plainText && /<[a-zA-Z/]/.test(element.text)) {
        report(
          {
            en: "<description> HTML is written with XML escapes: write it raw inside <![CDATA[…]]>",
            ja: "<description>のHTMLがエスケープされています。<![CDATA[…]]>内に生のHTMLで記述してください",
          },
          element,
        );
      }
    },
  }),
  rule({
    id: "description-unsupported-tag",
    severity: "warning",
    description: {
      en: "<description> uses the HTML tags Indeed supports",
      ja: "<description>はIndeedが対応するHTMLタグで",
    },
    check(job, report) {
      const description = text(job, "description");
      if (!UNSUPPORTED_TAG.test(description)) return;
      const found = new Set<string>();
      for (const match of description.matchAll(HTML_TAG)) {
        const tag = match[1]!.toLowerCase();
        if (!SUPPORTED_TAGS.has(tag)) found.add(tag);
      }
      if (found.size > 0) {
        const tags = [...found].map((t) => `<${t}>`).join(" ");
        report(
          {
            en: `<description> uses ${tags}, which Indeed may not show: use b strong em br p ul li h1–h6 table`,
            ja: `<description>に${tags}が使われています。Indeedで表示されない可能性があります。b strong em br p ul li h1〜h6 table等を使用してください`,
          },
          "description",
        );
      }
    },
  }),
  rule({
    id: "imageurls-extension",
    severity: "error",
    description: {
      en: "<imageUrls> are still images (.png .jpg .bmp .wbmp .gif)",
      ja: "<imageUrls>は静止画(.png .jpg .bmp .wbmp .gif)",
    },
    check(job, report) {
      const value = text(job, "imageUrls");
      if (value === "") return;
      for (const url of value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")) {
        const path = URL.canParse(url) ? new URL(url).pathname : url;
        if (!IMAGE_EXTENSION.test(path)) {
          report(
            {
              en: `<imageUrls> "${url}" is not a .png, .jpg, .bmp, .wbmp or .gif image URL`,
              ja: `<imageUrls>「${url}」は.png .jpg .bmp .wbmp .gifの画像URLではありません`,
            },
            "imageUrls",
          );
        }
      }
    },
  }),
  rule({
    id: "tag-consistency",
    severity: "error",
    description: {
      en: "A tag used in one job is present in every job (it may be empty)",
      ja: "1つの求人で使うタグはすべての求人に含める(空でも可)",
    },
    check(job, report, context) {
      // Streaming check: the union of tags seen so far, with the line of the first job that had each.
      const state = context.state("tag-consistency", () => ({
        jobs: 0,
        firstSeen: new Map<string, number>(),
      }));
      // The usual case, checked in one pass: this job has exactly the tags seen so far.
      if (state.jobs > 0 && job.elements.size === state.firstSeen.size) {
        let same = true;
        for (const name of job.elements.keys()) {
          if (!state.firstSeen.has(name)) {
            same = false;
            break;
          }
        }
        if (same) {
          state.jobs += 1;
          return;
        }
      }
      for (const name of state.firstSeen.keys()) {
        if (!job.elements.has(name)) {
          report(
            {
              en: `<${name}> is missing, though earlier jobs have it (first on line ${state.firstSeen.get(name)}): add it, empty if need be (<${name}/>)`,
              ja: `<${name}>がありません(${state.firstSeen.get(name)}行目の求人などにはあります)。空でもよいので追加してください(<${name}/>)`,
            },
            name,
          );
        }
      }
      for (const [name, element] of job.elements) {
        if (!state.firstSeen.has(name)) {
          if (state.jobs > 0) {
            report(
              {
                en: `<${name}> appears here but not in the ${state.jobs} job(s) before: every job must carry it, empty if need be`,
                ja: `<${name}>がこれより前の${state.jobs}件の求人にありません。空でもよいのですべての求人に含めてください`,
              },
              element,
            );
          }
          state.firstSeen.set(name, job.line);
        }
      }
      state.jobs += 1;
    },
  }),
  rule({
    id: "requisitionid-missing",
    severity: "warning",
    description: {
      en: "<requisitionid> is given (newer Indeed documentation requires it)",
      ja: "<requisitionid>を記載する(Indeedの新しいドキュメントでは必須)",
    },
    check(job, report) {
      if (!present(job, "requisitionid")) {
        report(
          {
            en: "<requisitionid> is missing: Indeed's current documentation requires your requisition id",
            ja: "<requisitionid>がありません。Indeedの現行ドキュメントでは求人IDが必須です",
          },
          "requisitionid",
        );
      }
    },
  }),
  rule({
    id: "indeed-apply-data",
    severity: "error",
    description: {
      en: "<indeed-apply-data> follows the Indeed Apply rules",
      ja: "<indeed-apply-data>がIndeedエントリーの規則に従うこと",
    },
    check(job, report) {
      const element = job.elements.get("indeed-apply-data");
      if (element === undefined || trimmed(element.text) === "") return;
      const { issues } = inspectIndeedApplyData(element.text, {
        title: text(job, "title"),
        company: text(job, "company"),
      });
      for (const issue of issues) {
        report(
          {
            en: `<indeed-apply-data> ${issue.path.join(".")}: ${issue.message}`,
            ja: `<indeed-apply-data> ${issue.path.join(".")}: ${INDEED_APPLY_REASONS_JA[issue.reason] ?? "Indeed エントリーの設定に誤りがあります"}(${issue.message})`,
          },
          element,
        );
      }
    },
  }),
  rule({
    id: "indeed-apply-jobid-missing",
    severity: "warning",
    description: {
      en: "<indeed-apply-data> carries jobId (newer Indeed documentation requires it)",
      ja: "<indeed-apply-data>にjobIdを含める(Indeedの新しいドキュメントでは必須)",
    },
    check(job, report) {
      const element = job.elements.get("indeed-apply-data");
      if (element === undefined || trimmed(element.text) === "") return;
      if (!/(?:^|&)\s*indeed-apply-jobId\s*=/i.test(element.text.replace(/\s+/g, ""))) {
        report(
          {
            en: "<indeed-apply-data> has no indeed-apply-jobId: add your job id so applications can be matched",
            ja: "<indeed-apply-data>にindeed-apply-jobIdがありません。応募を求人と照合できるよう追加してください",
          },
          element,
        );
      }
    },
  }),
  rule({
    id: "encoding-replacement",
    severity: "error",
    description: {
      en: "Text decodes cleanly in the declared encoding",
      ja: "宣言された文字コードで正しく読めること",
    },
    check(job, report) {
      for (const element of job.elements.values()) {
        if (element.text.includes("\uFFFD")) {
          report(
            {
              en: `<${element.name}> holds bytes that are not valid in the declared encoding: check encoding="…" in the XML declaration`,
              ja: `<${element.name}>に宣言された文字コードでは読めないバイトがあります。XML宣言のencodingを確認してください`,
            },
            element,
          );
          return;
        }
      }
    },
  }),
  rule({
    id: "custom-element-name",
    severity: "warning",
    description: {
      en: "Custom elements do not shadow standard ones by case",
      ja: "独自要素名が標準要素と大文字小文字違いでないこと",
    },
    check(job, report) {
      for (const name of job.elements.keys()) {
        if (STANDARD_ELEMENT_NAMES.has(name)) continue;
        const standard = [...STANDARD_ELEMENT_NAMES].find((s) => s.toLowerCase() === name.toLowerCase());
        if (standard !== undefined) {
          report(
            {
              en: `<${name}> is not <${standard}>: element names are case-sensitive`,
              ja: `<${name}>は<${standard}>とは別の要素です。要素名は大文字小文字を区別します`,
            },
            name,
          );
        }
      }
    },
  }),
]);

const INDEED_APPLY_REASONS_JA: Readonly<Record<string, string>> = {
  wrong_prefix: "prefixは「indeed-apply-」です(data-indeed-apply-は不可)",
  missing_prefix: "「indeed-apply-」のprefixがありません",
  unknown_parameter: "Indeed エントリーのパラメータではありません",
  bad_encoding: "URLエンコードが正しくありません",
  blank: "フィールドを空白にすることはできません",
  duplicate: "同じパラメータが複数あります(メールアドレスは1つのみ)",
  not_encrypted: "メールアドレスは暗号化してください",
  mismatch: "jobTitle・jobCompanyNameは<title>・<company>と一致させてください",
  too_big: "文字数の上限を超えています",
  invalid_format: "形式が正しくありません",
  custom: "設定が規則に合っていません",
};

/** The rule ids, for `--disable` and documentation. */
export const LINT_RULE_IDS: readonly string[] = Object.freeze(LINT_RULES.map((r) => r.id));
