import { LineApiMock } from "../demo/line-mock";

/**
 * A MOCK of the LINE APIs "verify settings" calls (Messaging API token verification, stateless
 * tokens, the registered webhook endpoint and LINE's webhook test; LINE Login's stateless token),
 * on top of the demo's push mock. `registeredWebhookUrl` is what the channel has in LINE
 * Developers: set it to a wrong URL to see the report's precise error. It is not LINE.
 */
export class LineVerifyMock extends LineApiMock {
  constructor(
    readonly channelId: string,
    public registeredWebhookUrl: string,
  ) {
    super();
  }

  override async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}`;
    if (route === "POST /v2/oauth/verify")
      return Response.json({
        client_id: this.channelId,
        expires_in: 2591659,
        scope: "profile chat_message.write",
      });
    if (route === "POST /oauth2/v3/token")
      return Response.json({ token_type: "Bearer", access_token: "mock-stateless-token", expires_in: 899 });
    if (route === "GET /v2/bot/channel/webhook/endpoint")
      return Response.json({ endpoint: this.registeredWebhookUrl, active: true });
    if (route === "POST /v2/bot/channel/webhook/test")
      return Response.json({
        success: true,
        timestamp: new Date().toISOString(),
        statusCode: 200,
        reason: "OK",
        detail: "200",
      });
    return super.handle(request);
  }

  /** A `fetch` for LINE Login that sends `https://api.line.me/...` to this mock at `baseUrl`. */
  static loginFetch(baseUrl: string): typeof fetch {
    return (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return fetch(baseUrl + url.pathname + url.search, init);
    };
  }
}
