/**
 * A MOCK of the LINE Messaging API for the demo: it accepts pushes the way LINE answers them
 * (200 with `sentMessages`, 409 for a retry key it has seen) and records them. It is not LINE,
 * and the demo says so when it starts it.
 */
export class LineApiMock {
  /** Every push the mock accepted: the user id and the texts. */
  readonly pushes: { to: string; texts: string[]; retryKey: string | null }[] = [];
  private readonly retryKeys = new Set<string>();
  private nextId = 461230966842064000n;

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/v2/bot/message/push") {
      const retryKey = request.headers.get("x-line-retry-key");
      if (retryKey !== null && this.retryKeys.has(retryKey)) {
        return Response.json(
          { message: "The retry key is already accepted", sentMessages: [] },
          { status: 409 },
        );
      }
      if (retryKey !== null) this.retryKeys.add(retryKey);
      const body = (await request.json()) as { to: string; messages: { type: string; text?: string }[] };
      this.pushes.push({
        to: body.to,
        texts: body.messages.map((message) => message.text ?? `[${message.type}]`),
        retryKey,
      });
      return Response.json({
        sentMessages: body.messages.map(() => ({
          id: String(this.nextId++),
          quoteToken: "mock-quote-token",
        })),
      });
    }
    if (request.method === "GET" && url.pathname === "/v2/bot/info") {
      return Response.json({
        userId: `U${"0".repeat(32)}`,
        basicId: "@mock",
        displayName: "MOCK LINE official account",
        chatMode: "chat",
        markAsReadMode: "manual",
      });
    }
    return Response.json(
      { message: `Not found (MOCK LINE API: ${request.method} ${url.pathname} is not mocked)` },
      { status: 404 },
    );
  }
}
