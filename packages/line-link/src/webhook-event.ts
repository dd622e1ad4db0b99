import { z } from "zod";

/*
 * Shapes of LINE webhook deliveries, after the Messaging API reference ("Webhook Event Objects").
 * Only what we use is required; everything else passes through untouched, because LINE adds
 * fields and event types over time and an unknown one must not fail a delivery.
 */

/** `^U[0-9a-f]{32}$`: a LINE user id. Checked before any API call (the SDK does not guard paths). */
export const LINE_USER_ID_PATTERN = /^U[0-9a-f]{32}$/;

/** A LINE user id. */
export const LineUserIdSchema = z
  .string()
  .regex(LINE_USER_ID_PATTERN, "must be a LINE user id: 'U' followed by 32 hex digits (0-9, a-f).");

/** Who sent an event. Only one-to-one chats (`user`) concern candidates. */
export const EventSourceSchema = z.looseObject({
  type: z.string(),
  userId: z.string().optional(),
});

/** The fields every event has, checked when a delivery arrives: an event without them is skipped. */
export const WebhookEventEnvelopeSchema = z.looseObject({
  type: z.string().min(1),
  webhookEventId: z.string().min(1),
  timestamp: z.number(),
  mode: z.string().optional(),
  source: EventSourceSchema.optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
});
/** @see WebhookEventEnvelopeSchema */
export type WebhookEventEnvelope = z.infer<typeof WebhookEventEnvelopeSchema>;

/** The request body LINE posts. `events` may be empty: that is LINE's connectivity check. */
export const WebhookBodySchema = z.looseObject({
  destination: z.string().optional(),
  events: z.array(z.unknown()),
});

/** A LINE emoji inside a text message: `index`/`length` in UTF-16 code units of `text`. */
export const LineEmojiSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  productId: z.string(),
  emojiId: z.string(),
});
/** @see LineEmojiSchema */
export type LineEmoji = z.infer<typeof LineEmojiSchema>;

/** The message object of a `message` event, by type. Unknown types pass as `other`. */
export const LineMessageSchema = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("text"),
    id: z.string(),
    text: z.string(),
    emojis: z.array(LineEmojiSchema).optional(),
  }),
  z.looseObject({
    type: z.literal("sticker"),
    id: z.string(),
    packageId: z.string().optional(),
    stickerId: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    text: z.string().optional(),
  }),
  z.looseObject({ type: z.literal("image"), id: z.string() }),
  z.looseObject({ type: z.literal("video"), id: z.string(), duration: z.number().optional() }),
  z.looseObject({ type: z.literal("audio"), id: z.string(), duration: z.number().optional() }),
  z.looseObject({
    type: z.literal("file"),
    id: z.string(),
    fileName: z.string().optional(),
    fileSize: z.number().optional(),
  }),
  z.looseObject({
    type: z.literal("location"),
    id: z.string(),
    title: z.string().nullish(),
    address: z.string().nullish(),
    latitude: z.number(),
    longitude: z.number(),
  }),
]);
/** @see LineMessageSchema */
export type LineMessage = z.infer<typeof LineMessageSchema>;
