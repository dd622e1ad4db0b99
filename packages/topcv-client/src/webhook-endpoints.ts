import type { TopCvConnectionRecord, TopCvConnections } from "./connections";
import type { RequestHeaders } from "./request-headers";
import type { TopCvWebhookReceiver, TopCvWebhookResponse } from "./webhook-receiver";

/** Finds the receiver of a webhook endpoint token (the last segment of the tenant's URL), or `undefined`. */
export type ReceiverResolver = (endpointToken: string) => Promise<TopCvWebhookReceiver | undefined>;

/**
 * A {@link ReceiverResolver} over {@link TopCvConnections}: the token names the tenant; `receiverFor`
 * builds that tenant's receiver (its stores, inbox, posting store, CV downloader). Receivers are
 * kept per tenant in this instance and rebuilt when the connection is configured again.
 */
export function connectionReceiverResolver(
  connections: Pick<TopCvConnections, "resolveEndpoint">,
  receiverFor: (connection: TopCvConnectionRecord) => Promise<TopCvWebhookReceiver>,
): ReceiverResolver {
  const built = new Map<string, { configuredAt: number; receiver: Promise<TopCvWebhookReceiver> }>();
  return async (endpointToken) => {
    const connection = await connections.resolveEndpoint(endpointToken);
    if (connection === undefined) return undefined;
    const cached = built.get(connection.tenantId);
    if (cached && cached.configuredAt === connection.configuredAt.getTime()) return cached.receiver;
    const receiver = receiverFor(connection);
    built.set(connection.tenantId, { configuredAt: connection.configuredAt.getTime(), receiver });
    receiver.catch(() => built.delete(connection.tenantId));
    return receiver;
  };
}

/**
 * Routes one delivery to its tenant's receiver. An unknown (or disconnected) endpoint is answered
 * 404 and nothing is stored: without a tenant there is nowhere to store it, and the token is the
 * secret part of the URL.
 */
export async function handleTopCvWebhook(
  request: { endpointToken: string; rawBody: Uint8Array | string; headers: RequestHeaders },
  resolve: ReceiverResolver,
): Promise<TopCvWebhookResponse> {
  const receiver = await resolve(request.endpointToken);
  if (receiver === undefined)
    return {
      status: 404,
      body: {
        ok: false,
        code: "unknown_endpoint",
        message:
          "No TopCV connection has this endpoint; copy the API Endpoint again from the ATS into TopCV's Webhook URL",
      },
      process: null,
    };
  return receiver.receive({ rawBody: request.rawBody, headers: request.headers });
}
