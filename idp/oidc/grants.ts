import type { Grant } from "oidc-provider";
import { DEFAULT_RESOURCE, SUPPORTED_SCOPES } from "@/idp/config";

export function isSupportedScope(scope: string): boolean {
  return (SUPPORTED_SCOPES as readonly string[]).includes(scope);
}

/** Consents to what the client asked for: the supported scopes of `requestedScope`, and the access-token resource. */
export function extendGrant(grant: Grant, requestedScope: unknown): void {
  const requested = typeof requestedScope === "string" ? requestedScope.split(" ") : [];
  grant.addOIDCScope([...new Set(["openid", ...requested.filter(isSupportedScope)])].join(" "));
  grant.addResourceScope(DEFAULT_RESOURCE, SUPPORTED_SCOPES.join(" "));
}
