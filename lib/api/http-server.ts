import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { BlockList } from "node:net";
import { believeForwardedHeaders, forwardedView } from "@/shared/net/forwarded";
import { methodRefusal } from "@/lib/api/entry";
import { apiKindOf } from "@/lib/tenancy/api-paths";

export interface EdgeOptions {
  trustedProxies: BlockList;
  /** Largest request body accepted; a larger declared Content-Length is refused before any of it is read. */
  maxBodyBytes: number;
  /** How long a client may take to send its whole request (headers and body). */
  requestTimeoutMs: number;
}

// Methods the fetch standard forbids: Next.js cannot make a Request of them and answers a plain-text
// 500 before proxy.ts runs. (CONNECT never reaches a request handler: Node answers it itself.)
const UNREQUESTABLE_METHODS = new Set(["TRACE", "TRACK"]);

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", connection: "close" });
  res.end(JSON.stringify({ code, message }));
}

/**
 * What every request passes before Next.js sees it: forwarding headers believed only from trusted
 * proxies (shared/net/forwarded.ts), a declared body over the limit refused at once, and TRACE
 * answered 501. Next's own server would keep a client's X-Forwarded-For, read a 300 MB body into
 * the proxy first, and answer TRACE with a plain-text 500.
 */
export function edgeHandler(options: EdgeOptions, next: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const socket = req.socket as IncomingMessage["socket"] & { encrypted?: boolean };
    believeForwardedHeaders(req.headers, forwardedView(socket.remoteAddress, Boolean(socket.encrypted), req.headers, options.trustedProxies));
    const declared = req.headers["content-length"] === undefined ? undefined : Number(req.headers["content-length"]);
    if (declared !== undefined && declared > options.maxBodyBytes) {
      return refuse(res, 413, "payload_too_large", `The request body may be at most ${options.maxBodyBytes} bytes.`);
    }
    if (UNREQUESTABLE_METHODS.has(req.method ?? "")) {
      // The API's own 501 (SCIM's error schema on /scim/v2), as for any method the API does not support.
      const pathname = (req.url ?? "/").split("?")[0]!;
      return void send(res, methodRefusal(apiKindOf(pathname) ?? "rest", req.method!));
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
