import type { NextAuthOptions } from "next-auth";
import KeycloakProvider from "next-auth/providers/keycloak";
import { APP_CLIENT_ID } from "@/lib/identity/clients";
import { issuerFor } from "@/lib/identity/config";
import { gatehouseRoles } from "@/lib/identity/roles";
import { discoveryUrl } from "@/lib/identity/discovery";
import { appClientSecret, sessionSecret } from "@/lib/secrets/client-secret";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { logger } from "@/lib/log/logger";
import { accessDenial, userRequester } from "@/lib/access/enforce";
import { UNAVAILABLE_PUBLIC_PATH } from "@/lib/tenancy/routing";
import { requestActor } from "@/lib/audit/actor";
import { recordSessionEvent } from "@/lib/audit/session-events";
import { openSession, startAppSession } from "@/lib/sessions/service";

/** Claims the `gatehouse` client's protocol mappers add to the ID token. */
interface GatehouseClaims {
  tenant?: string;
  roles?: string[];
  preferred_username?: string;
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * next-auth for one tenant, built per request from the tenant the Host header resolved to: its
 * realm is the issuer, its client secret and session key are derived for it alone. Sessions are
 * JWT cookies without a Domain attribute, so the browser keeps them to the one host. With the
 * request (next-auth's own endpoints pass it), a completed sign-in is recorded in the audit trail.
 */
export function authOptionsFor(tenant: ResolvedTenant, request?: Pick<Request, "headers">): NextAuthOptions {
  return {
    secret: sessionSecret(tenant.id),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [
      KeycloakProvider({
        clientId: APP_CLIENT_ID,
        clientSecret: appClientSecret(tenant.id),
        issuer: issuerFor(tenant.key),
        // Fetched on the back channel; the issuer comes from the document (a custom domain's with a frontendUrl).
        wellKnown: discoveryUrl(tenant.key),
        checks: ["pkce", "state"],
        authorization: { params: { scope: "openid profile email" } },
      }),
    ],
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      error(code, metadata) {
        // A cookie this tenant cannot decrypt (another tenant's, or from before a key change) is routine.
        if (code === "JWT_SESSION_ERROR") logger().info({ tenant: tenant.key }, "session cookie rejected");
        else logger().error({ tenant: tenant.key, code, metadata }, "next-auth error");
      },
      warn(code) {
        logger().warn({ tenant: tenant.key, code }, "next-auth warning");
      },
      debug() {},
    },
    callbacks: {
      // The access rules (lib/access) decide at sign-in too: a refused user is sent to the status
      // page that says why, and gets no session.
      async signIn({ profile }) {
        const username = (profile as GatehouseClaims | undefined)?.preferred_username ?? "";
        return (await accessDenial(tenant, userRequester(username))) ? UNAVAILABLE_PUBLIC_PATH : true;
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const claims = profile as GatehouseClaims;
          // The realm is the tenant, and the client's mapper says so again; both must agree.
          if (claims.tenant !== tenant.key) throw new Error(`ID token for tenant ${claims.tenant ?? "(none)"} presented to ${tenant.key}`);
          token.tenant = tenant.key;
          token.roles = gatehouseRoles(claims.roles);
          token.username = claims.preferred_username ?? token.name ?? "";
          token.idToken = account.id_token;
          // Only a completed sign-in brings account and profile here: the moment a session starts.
          const actor = request ? requestActor(request.headers, `${tenant.key}/${token.username}`) : { actor: `${tenant.key}/${token.username}`, ip: null, userAgent: null };
          token.sid = await startAppSession(tenant, token.username, actor, SESSION_MAX_AGE_SECONDS);
          if (request) await recordSessionEvent(tenant, actor, token.username, "session.started");
          return token;
        }
        // Every later use of the cookie: a session ended on the server (sign-out, "sign out
        // everywhere", disabled, password or role changed) yields no user, whoever holds the cookie.
        if (!token.username || !(await openSession(tenant, token.sid, token.username))) return { revoked: true };
        return token;
      },
      async session({ session, token }) {
        session.tenant = token.tenant ?? "";
        session.user = { ...session.user, username: token.username ?? "", roles: token.roles ?? [], ...(token.sub ? { subject: token.sub } : {}) };
        if (token.sid) session.sid = token.sid;
        return session;
      },
    },
  };
}
