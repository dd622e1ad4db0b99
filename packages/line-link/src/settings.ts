import { createParsers } from "@org/ats-core";
import { z } from "zod";

/*
 * Seed 003_bf749bcc0dbdcb3a.txt (STEP2 of the ATS side, and the note under STEP3): the recruiter
 * copies five values from LINE Developers, and "copying a blank or other stray character with the
 * value breaks the link". So values are never trimmed silently: stray white space is an error that
 * says which field and what to do.
 */

const STRAY =
  "has a space or line break before or after it, usually copied along with it from LINE Developers. Copy the value again without the surrounding blank.";

const channelId = (field: string) =>
  z
    .string()
    .refine((v) => v === v.trim(), { message: `${field} ${STRAY}` })
    .refine((v) => /^\d{10}$/.test(v.trim()), {
      message: `${field} must be the 10-digit channel ID shown on the channel's "Basic settings" tab (e.g. 1654668289).`,
    });

const channelSecret = (field: string) =>
  z
    .string()
    .refine((v) => v === v.trim(), { message: `${field} ${STRAY}` })
    .refine((v) => /^[0-9a-f]{32}$/.test(v.trim()), {
      message: `${field} must be the 32-character channel secret (0-9, a-f) shown on the channel's "Basic settings" tab.`,
    });

/** The Messaging API channel's credentials (seed: "Messaging API: チャンネルID / チャンネルシークレット / チャンネルアクセストークン"). */
export const MessagingChannelSettingsSchema = z.object({
  channelId: channelId("messaging.channelId"),
  channelSecret: channelSecret("messaging.channelSecret"),
  /** The long-lived channel access token issued on the "Messaging API" tab. */
  channelAccessToken: z
    .string()
    .min(
      1,
      'messaging.channelAccessToken is empty: issue one on the channel\'s "Messaging API" tab and paste it.',
    )
    .refine((v) => !/\s/.test(v), {
      message: `messaging.channelAccessToken ${STRAY}`,
    }),
});

/** The LINE Login channel's credentials (seed: "ログインAPI: チャンネルID / チャンネルシークレット"). */
export const LoginChannelSettingsSchema = z.object({
  channelId: channelId("login.channelId"),
  channelSecret: channelSecret("login.channelSecret"),
});

/** What a candidate sees of a LINE emoji in a received text (the seed's product drops them). */
export const LineEmojiDisplaySchema = z.enum(["drop", "placeholder", "keep"]);
/** @see LineEmojiDisplaySchema */
export type LineEmojiDisplay = z.infer<typeof LineEmojiDisplaySchema>;

/** Language of fallbacks ("[Sticker]" / "[スタンプ]") and of pages shown to candidates. */
export const LanguageSchema = z.enum(["ja", "en"]);
/** @see LanguageSchema */
export type Language = z.infer<typeof LanguageSchema>;

/**
 * One tenant's LINE settings. Everything the package does is an instance built from these:
 * an ATS runs hundreds of companies in one process.
 */
export const LineLinkSettingsSchema = z
  .object({
    /** The tenant's id in URLs: letters, digits, `-` and `_`. Never a secret. */
    tenantId: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,64}$/,
        "tenantId must be 1-64 letters, digits, '-' or '_' (it appears in the webhook and callback URLs).",
      ),
    /** The public HTTPS origin (and optional path prefix) of the ATS, e.g. `https://ats.example.com`. */
    publicBaseUrl: z.string().refine(isPublicBaseUrl, {
      message:
        "publicBaseUrl must be an absolute https:// URL without query or fragment (http:// only for localhost), e.g. https://ats.example.com.",
    }),
    messaging: MessagingChannelSettingsSchema,
    login: LoginChannelSettingsSchema,
    /** The tenant's own secret for signing linking URLs (≥ 32 characters; not a LINE value). */
    linkingSecret: z
      .string()
      .min(32, "linkingSecret must be at least 32 characters of random text (e.g. 32 random bytes as hex)."),
    /** How long a linking URL stays valid, in seconds (default 7 days). */
    linkingUrlTtlSeconds: z
      .number()
      .int()
      .positive()
      .max(60 * 60 * 24 * 90)
      .default(60 * 60 * 24 * 7),
    lineEmoji: LineEmojiDisplaySchema.default("drop"),
    language: LanguageSchema.default("ja"),
  })
  .superRefine((settings, ctx) => {
    if (settings.messaging.channelId === settings.login.channelId) {
      ctx.addIssue({
        code: "custom",
        path: ["login", "channelId"],
        message:
          "login.channelId is the same as messaging.channelId: LINE Login and the Messaging API are two different channels. Copy the ID from the LINE Login channel.",
      });
    }
  });

/** Settings as given (defaults optional). */
export type LineLinkSettingsInput = z.input<typeof LineLinkSettingsSchema>;
/** Settings after parsing (defaults applied). */
export type LineLinkSettings = z.output<typeof LineLinkSettingsSchema>;

const settingsParsers = createParsers("LINE settings", LineLinkSettingsSchema);
/** Parses settings; throws a `ValidationError` listing every problem with its field path. */
export const parseLineLinkSettings = settingsParsers.parse;
/** Like {@link parseLineLinkSettings}, returning `{ success, data | error }`. */
export const safeParseLineLinkSettings = settingsParsers.safeParse;

function isPublicBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
}
