// Requests that leave from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so an identity
// server listening on 127.0.0.1 sees distinct clients — the way it tells one client address from
// another, over a real TCP connection. A `fetch`-shaped function: redirects are never followed.
import http from "node:http";

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/** `fetch` over plain HTTP with the connection's source address `localAddress` (IPv4). */
export function fetchFrom(localAddress: string): FetchLike {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      if (url.protocol !== "http:") throw new Error(`fetchFrom speaks plain HTTP only, not ${url.href}`);
      const body = init.body === undefined || init.body === null ? undefined : String(init.body);
      const headers = headerRecord(init.headers);
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
      // family 4: "localhost" must be 127.0.0.1, which a 127.0.0.x source address can reach.
      const req = http.request(url, { method: init.method ?? "GET", headers, localAddress, family: 4, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
          }
          const status = res.statusCode ?? 0;
          const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, statusText: res.statusMessage, headers: responseHeaders }));
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
}
