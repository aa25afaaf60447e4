// The app's HTTP edge (lib/api/http-server.ts) behind a real nginx and reached directly: which
// client address and scheme the audit trail and sign-out see, and bodies refused before reading.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestActor } from "@/lib/audit/actor";
import { parseTrustedProxies } from "@/shared/net/forwarded";
import { createEdgeServer } from "@/lib/api/http-server";
import { startNginx, type RunningNginx } from "@/tests/support/nginx";

const NGINX_ADDRESS = "127.0.0.2"; // nginx connects to the app from here; clients from 127.0.0.1 or 127.0.0.3

interface Seen {
  ip: string | null;
  proto: string | null;
  host: string | null;
  bodyBytes: number;
}

let app: http.Server;
let appUrl: string;
let nginx: RunningNginx;

beforeAll(async () => {
  // What the app reads downstream of the edge: the audit actor's address, the scheme and host.
  app = createEdgeServer({ trustedProxies: parseTrustedProxies(NGINX_ADDRESS), maxBodyBytes: 64 * 1024, requestTimeoutMs: 1_500 }, async (req, res) => {
    let bodyBytes = 0;
    try {
      for await (const chunk of req) bodyBytes += (chunk as Buffer).length;
    } catch {
      return; // the edge cut the client off
    }
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const seen: Seen = { ip: requestActor(headers, "t").ip, proto: headers.get("x-forwarded-proto"), host: headers.get("x-forwarded-host"), bodyBytes };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  nginx = await startNginx(appUrl, NGINX_ADDRESS);
});

afterAll(async () => {
  await nginx?.stop();
  await new Promise((resolve) => app?.close(resolve));
});

function get(base: string, headers: Record<string, string>, localAddress = "127.0.0.1"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/`, { headers, localAddress }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
const seen = async (base: string, headers: Record<string, string> = {}, localAddress?: string) => JSON.parse((await get(base, headers, localAddress)).body) as Seen;

describe("forwarding headers", () => {
  it("ignores a client's own X-Forwarded-For, -Proto and -Host when it connects directly", async () => {
    const direct = await seen(appUrl, { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "victim.example.com", forwarded: "for=203.0.113.9" });
    expect(direct).toMatchObject({ ip: "127.0.0.1", proto: "http", host: null });
  });

  it("takes the client address nginx saw, not one the client wrote into the header nginx appended to", async () => {
    expect(await seen(nginx.url, { "x-forwarded-for": "203.0.113.9" })).toMatchObject({ ip: "127.0.0.1", proto: "http" });
    expect(await seen(nginx.url, {}, "127.0.0.3")).toMatchObject({ ip: "127.0.0.3" });
    expect((await seen(nginx.url, { "x-forwarded-proto": "https" })).proto).toBe("http"); // nginx says http; the client cannot
  });

  it("believes X-Forwarded-Host only from the trusted proxy", async () => {
    expect((await seen(nginx.url, { host: "acme.example.com" })).host).toBe("acme.example.com");
    expect((await seen(appUrl, { host: "acme.example.com", "x-forwarded-host": "other.example.com" })).host).toBeNull();
  });
});

describe("request bodies", () => {
  it("refuses a declared Content-Length over the limit before reading any of it", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${appUrl}/`, { method: "POST", headers: { "content-length": String(300 * 1024 * 1024), "content-type": "application/json" } }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("{"); // and nothing more: the answer must not wait for the other 300 MB
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "payload_too_large" });
  });

  it("cuts off a client that declares a body and never sends it", async () => {
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(appUrl).port), "127.0.0.1", () => {
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{}");
      });
      let data = "";
      socket.on("data", (c) => (data += c));
      socket.on("close", () => resolve(data));
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  });
});
