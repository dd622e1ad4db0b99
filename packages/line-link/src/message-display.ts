import type { MessageKind } from "./conversation-store";
import type { Language, LineEmojiDisplay } from "./settings";
import { type LineEmoji, LineMessageSchema } from "./webhook-event";

/** A received LINE message as the recruiter reads it. */
export interface DisplayedMessage {
  kind: MessageKind;
  /** The text, or a readable fallback ("[スタンプ]", "[File: cv.pdf (120 KB)]"). */
  text: string;
  /** The text exactly as delivered, for text messages. */
  originalText?: string;
}

const LABELS = {
  ja: {
    sticker: "スタンプ",
    image: "画像",
    video: "動画",
    audio: "音声",
    file: "ファイル",
    location: "位置情報",
    unsupported: "未対応のメッセージ",
    emoji: "[LINE絵文字]",
  },
  en: {
    sticker: "Sticker",
    image: "Image",
    video: "Video",
    audio: "Audio",
    file: "File",
    location: "Location",
    unsupported: "Unsupported message",
    emoji: "[LINE emoji]",
  },
} as const;

/**
 * Turns a LINE message object into what the recruiter reads. Text is kept as is; LINE emoji are
 * dropped (the seed's product: "候補者から送られてきた絵文字も反映されません"), replaced by a marker,
 * or kept, per the tenant's option; every other type gets a readable fallback.
 */
export function displayMessage(
  message: unknown,
  options: { lineEmoji: LineEmojiDisplay; language: Language },
): DisplayedMessage {
  const labels = LABELS[options.language];
  const parsed = LineMessageSchema.safeParse(message);
  if (!parsed.success) {
    const type =
      typeof message === "object" &&
      message !== null &&
      typeof (message as { type?: unknown }).type === "string"
        ? (message as { type: string }).type
        : "unknown";
    return { kind: "unsupported", text: `[${labels.unsupported}: ${type}]` };
  }
  const m = parsed.data;
  switch (m.type) {
    case "text":
      return {
        kind: "text",
        text: renderEmoji(m.text, m.emojis ?? [], options.lineEmoji, labels.emoji),
        originalText: m.text,
      };
    case "sticker":
      return { kind: "sticker", text: `[${labels.sticker}]` };
    case "image":
      return { kind: "image", text: `[${labels.image}]` };
    case "video":
      return { kind: "video", text: `[${labels.video}${duration(m.duration)}]` };
    case "audio":
      return { kind: "audio", text: `[${labels.audio}${duration(m.duration)}]` };
    case "file": {
      const size = m.fileSize === undefined ? "" : ` (${fileSize(m.fileSize)})`;
      return { kind: "file", text: `[${labels.file}: ${m.fileName ?? "?"}${size}]` };
    }
    case "location": {
      const place = [m.title, m.address].filter((part): part is string => !!part).join(", ");
      const where = `${m.latitude}, ${m.longitude}`;
      return {
        kind: "location",
        text: `[${labels.location}: ${place === "" ? where : `${place} (${where})`}]`,
      };
    }
  }
}

/** Applies the emoji option over `index`/`length` ranges (UTF-16 code units), back to front. */
function renderEmoji(text: string, emojis: readonly LineEmoji[], mode: LineEmojiDisplay, marker: string) {
  if (mode === "keep" || emojis.length === 0) return text;
  let out = text;
  for (const emoji of [...emojis].sort((a, b) => b.index - a.index)) {
    if (emoji.index + emoji.length > out.length) continue;
    out =
      out.slice(0, emoji.index) +
      (mode === "placeholder" ? marker : "") +
      out.slice(emoji.index + emoji.length);
  }
  return out;
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return "";
  const seconds = Math.round(ms / 1000);
  return ` ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
