import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Serves a `Request → Response` handler on a local port: how the demo runs its stand-ins for LINE
 * and TopCV, whose real servers it never calls. Every response carries `x-mock: <name>`, so a
 * mock can never be taken for the real thing.
 */
export async function serveMock(
  name: string,
  handle: (request: Request) => Promise<Response> | Response,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    try {
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readAll(req);
      const url = `http://${req.headers.host}${req.url}`;
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(key, value);
      const init: RequestInit = { method: req.method ?? "GET", headers };
      if (body !== undefined) init.body = body as BodyInit;
      const response = await handle(new Request(url, init));
      res.statusCode = response.status;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.setHeader("x-mock", name);
      res.end(new Uint8Array(await response.arrayBuffer()));
    } catch (error) {
      res.statusCode = 500;
      res.end(`mock ${name} failed: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readAll(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
