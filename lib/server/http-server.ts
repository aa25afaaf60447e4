import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { BlockList } from "node:net";
import { believeForwardedHeaders, forwardedView } from "@/lib/net/forwarded";

export interface EdgeOptions {
  trustedProxies: BlockList;
  /** Largest request body accepted; a larger declared Content-Length is refused before any of it is read. */
  maxBodyBytes: number;
  /** How long a client may take to send its whole request (headers and body). */
  requestTimeoutMs: number;
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", connection: "close" });
  res.end(JSON.stringify({ code, message }));
}

/**
 * What every request passes before Next.js sees it: forwarding headers believed only from trusted
 * proxies (lib/net/forwarded.ts) and a declared body over the limit refused at once. Next's own
 * server would keep a client's X-Forwarded-For and read a 300 MB body into the proxy first.
 */
export function edgeHandler(options: EdgeOptions, next: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const socket = req.socket as IncomingMessage["socket"] & { encrypted?: boolean };
    believeForwardedHeaders(req.headers, forwardedView(socket.remoteAddress, Boolean(socket.encrypted), req.headers, options.trustedProxies));
    const declared = req.headers["content-length"] === undefined ? undefined : Number(req.headers["content-length"]);
    if (declared !== undefined && declared > options.maxBodyBytes) {
      return refuse(res, 413, "payload_too_large", `The request body may be at most ${options.maxBodyBytes} bytes.`);
    }
    void next(req, res);
  };
}

/** An HTTP server for `handler` with the edge in front and slow clients cut off. */
export function createEdgeServer(options: EdgeOptions, handler: (req: IncomingMessage, res: ServerResponse) => unknown): http.Server {
  return http.createServer(
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(options.requestTimeoutMs, 20_000),
      // Node looks for timed-out requests this often (30 s by default, longer than the timeout itself).
      connectionsCheckingInterval: Math.min(1_000, options.requestTimeoutMs),
    },
    edgeHandler(options, handler),
  );
}
