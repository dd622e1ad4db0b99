import { InMemoryWebhookInbox, type WebhookInbox } from "@org/ats-core";
import { type ConversationStore, InMemoryConversationStore } from "./conversation-store";
import { Conversations } from "./conversations";
import { type CandidateMessageHook, LineEventProcessor } from "./event-processor";
import { InMemoryLinkStore, type LinkStore } from "./link-store";
import { LineLinking } from "./linking";
import { InMemoryLinkingStore, type LinkingStore } from "./linking-store";
import type { LineLinkLogger } from "./logger";
import { LineLoginClient } from "./login-client";
import { createMessagingClient, type LineMessagingClient } from "./messaging-client";
import { type LineLinkSettings, type LineLinkSettingsInput, parseLineLinkSettings } from "./settings";
import { type LineUrls, lineUrls } from "./urls";
import { type SettingsReport, verifySettings } from "./verify-settings";
import { LineWebhookReceiver } from "./webhook-receiver";
import { createLineSignatureVerifier } from "./webhook-signature";

/** The stores one tenant needs (the reference app implements them in SQL). */
export interface LineLinkStores {
  inbox: WebhookInbox;
  links: LinkStore;
  linking: LinkingStore;
  conversations: ConversationStore;
}

/** Dependencies of {@link createLineLink}. */
export interface LineLinkDependencies extends LineLinkStores {
  /** Called once per new candidate message, e.g. to e-mail the recruiter. */
  onCandidateMessage?: CandidateMessageHook;
  /** `fetch` for LINE Login (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Replaces the `@line/bot-sdk` client (tests, other transports). */
  messaging?: LineMessagingClient;
  /** Bound of each LINE call in ms (default 10 000). */
  timeoutMs?: number;
  logger?: LineLinkLogger;
  now?: () => Date;
}

/** Everything of one tenant's LINE integration, built from its settings. */
export interface LineLink {
  settings: LineLinkSettings;
  urls: LineUrls;
  /** Verify and store deliveries (answer LINE with the receipt). */
  webhook: LineWebhookReceiver;
  /** Process stored deliveries after answering, and at start-up. */
  events: LineEventProcessor;
  conversations: Conversations;
  linking: LineLinking;
  messaging: LineMessagingClient;
  login: LineLoginClient;
  /** "Verify settings", with a fresh self-test link. */
  verifySettings(): Promise<SettingsReport>;
}

/** In-memory stores for one tenant (tests, demos, single-process tools). */
export function createInMemoryLineStores(): LineLinkStores {
  return {
    inbox: new InMemoryWebhookInbox(),
    links: new InMemoryLinkStore(),
    linking: new InMemoryLinkingStore(),
    conversations: new InMemoryConversationStore(),
  };
}

/**
 * Builds a tenant's LINE integration. Settings are parsed first (a `ValidationError` lists every
 * wrong field); keys are imported once.
 */
export async function createLineLink(
  settingsInput: LineLinkSettingsInput,
  deps: LineLinkDependencies,
): Promise<LineLink> {
  const settings = parseLineLinkSettings(settingsInput);
  const common = {
    ...(deps.logger !== undefined && { logger: deps.logger }),
    ...(deps.now !== undefined && { now: deps.now }),
  };
  const messaging =
    deps.messaging ??
    createMessagingClient({
      channelAccessToken: settings.messaging.channelAccessToken,
      ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
    });
  const login = new LineLoginClient({
    channelId: settings.login.channelId,
    channelSecret: settings.login.channelSecret,
    ...(deps.fetch !== undefined && { fetch: deps.fetch }),
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
  });
  const webhook = new LineWebhookReceiver({
    verifier: await createLineSignatureVerifier(settings.messaging.channelSecret),
    inbox: deps.inbox,
    ...common,
  });
  const events = new LineEventProcessor({
    inbox: deps.inbox,
    links: deps.links,
    conversations: deps.conversations,
    lineEmoji: settings.lineEmoji,
    language: settings.language,
    ...(deps.onCandidateMessage !== undefined && { onCandidateMessage: deps.onCandidateMessage }),
    ...common,
  });
  const conversations = new Conversations({
    links: deps.links,
    conversations: deps.conversations,
    messaging,
    ...(deps.now !== undefined && { now: deps.now }),
  });
  const linking = await LineLinking.create({
    settings,
    links: deps.links,
    linking: deps.linking,
    login,
    messaging,
    ...common,
  });
  return {
    settings,
    urls: lineUrls(settings),
    webhook,
    events,
    conversations,
    linking,
    messaging,
    login,
    async verifySettings() {
      const selfTest = await linking.createSelfTestUrl();
      return verifySettings(settings, { messaging, login, selfTestUrl: selfTest.url });
    },
  };
}
