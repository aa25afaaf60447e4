import http from "node:http";
import type { AddressInfo } from "node:net";
import type pino from "pino";
import { createRequestHandler } from "@/idp/app";
import { ensureMasterRealm } from "@/idp/bootstrap";
import { DEFAULT_REALM_CACHE_MAX } from "@/idp/config";
import { createPool } from "@/idp/db";
import { migrateIdentityDatabase } from "@/idp/migrate";
import { verifyDecoy } from "@/idp/auth/passwords";
import { sweepLoginThrottles } from "@/idp/store/login-throttles";
import { RealmRuntimes } from "@/idp/oidc/runtime";
import { sweepExpiredModels } from "@/idp/store/oidc-models";
import { cookieSecret } from "@/idp/store/settings";
import { parseTrustedProxies } from "@/shared/net/forwarded";

export interface IdentityServerOptions {
  /** 0 = any free port. */
  port: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** A PostgreSQL database of its own (created by the caller); migrated on start. */
  databaseUrl: string;
  /** Issuer base, default `http://localhost:${port}`; the issuer of realm R is `${publicUrl}/realms/R`. */
  publicUrl?: string;
  /** Master-realm admin, ensured on every start (password reset to this if changed). */
  bootstrapAdmin: { username: string; password: string };
  /**
   * Master-realm service account, ensured on every start (secret reset to this if changed): a
   * confidential client with the client-credentials grant whose service-account user holds the
   * master role "admin" — how an application drives the admin API without a password anyone
   * could lock out by failing it.
   */
  serviceAccount?: { clientId: string; secret: string };
  /** Where it logs (the host's logger; it has none of its own). */
  log: pino.Logger;
  /**
   * Proxies in front of it whose X-Forwarded-For names the client (GATEHOUSE_TRUSTED_PROXIES'
   * syntax, shared/net/forwarded.ts); default none, so the client is the connection's peer. Failed
   * sign-ins are throttled per client address, so behind a proxy this must name the proxy.
   */
  trustedProxies?: string;
  /** Realms whose OpenID Provider is kept in memory (LRU); default 1000. */
  realmCacheSize?: number;
}

export interface RunningIdentityServer {
  /** The public base URL (Keycloak's "server URL" for keycloak-admin-client). */
  url: string;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Keycloak's layout sits at the root of the public URL, so the URL must not carry a path. */
function publicBaseUrl(value: string): string {
  const url = URL.parse(value);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.pathname.replace(/\/+$/, "") !== "" || url.search || url.hash) {
    throw new Error(`publicUrl must be an http(s) origin without a path, got ${value}`);
  }
  return url.origin;
}

export async function startIdentityServer(options: IdentityServerOptions): Promise<RunningIdentityServer> {
  const log = options.log.child({ component: "idp" });
  const trustedProxies = parseTrustedProxies(options.trustedProxies);
  await migrateIdentityDatabase(options.databaseUrl, options.log);
  const db = createPool(options.databaseUrl);
  const server = http.createServer();
  try {
    const secret = await cookieSecret(db);
    await ensureMasterRealm(db, options.bootstrapAdmin, log, options.serviceAccount);
    await verifyDecoy(""); // the first unknown username must not take longer than the next ones

    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const publicUrl = publicBaseUrl(options.publicUrl ?? `http://localhost:${port}`);
    const runtimes = new RealmRuntimes({ db, publicUrl, cookieSecret: secret, log }, options.realmCacheSize ?? DEFAULT_REALM_CACHE_MAX);
    const handle = createRequestHandler({ db, runtimes, publicUrl, cookieSecret: secret, trustedProxies, log });
    server.on("request", (req, res) => void handle(req, res));

    const sweep = () => {
      sweepExpiredModels(db).catch((error: unknown) => log.warn({ err: error }, "sweeping expired oidc models failed"));
      sweepLoginThrottles(db).catch((error: unknown) => log.warn({ err: error }, "sweeping old sign-in failures failed"));
    };
    sweep();
    const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
    sweeper.unref();

    log.info({ url: publicUrl, port }, "identity server listening");
    return {
      url: publicUrl,
      async close() {
        clearInterval(sweeper);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await db.end();
      },
    };
  } catch (error) {
    server.close();
    await db.end();
    throw error;
  }
}
