import type { CookieOptions, KoaContextWithOIDC } from "oidc-provider";
import type { Queryable } from "@/idp/db";
import { brandOf, logoutConfirmPage, messagePage } from "@/idp/login/render";
import { revokeGrant } from "@/idp/store/oidc-models";
import type { Realm } from "@/idp/store/realms";

function param(ctx: KoaContextWithOIDC, name: string): string | undefined {
  const value = ctx.oidc.params?.[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * oidc-provider's `logoutSource`, called for a logout request while someone is signed in. With a
 * valid `id_token_hint` for that person there is nothing to confirm: end the session, revoke its
 * grants and redirect (as Keycloak does). Otherwise ask for confirmation with a branded page.
 */
export function logoutSource(db: Queryable, realm: Realm, sessionCookie: CookieOptions) {
  return async (ctx: KoaContextWithOIDC, form: string): Promise<void> => {
    const session = ctx.oidc.session;
    const hint = ctx.oidc.entities.IdTokenHint;
    if (!session?.accountId || hint?.payload.sub !== session.accountId) {
      ctx.type = "html";
      ctx.body = logoutConfirmPage(brandOf(realm), form);
      return;
    }
    const grants = Object.values(session.authorizations ?? {})
      .map((a) => a.grantId)
      .filter((id): id is string => Boolean(id));
    await Promise.all(grants.map((grantId) => revokeGrant(db, realm.name, grantId)));
    await session.destroy();
    ctx.cookies.set(ctx.oidc.provider.cookieName("session"), null, sessionCookie);

    const postLogout = param(ctx, "post_logout_redirect_uri");
    const state = param(ctx, "state");
    let target = ctx.oidc.urlFor("end_session_success");
    if (postLogout) {
      const url = new URL(postLogout);
      if (state !== undefined) url.searchParams.set("state", state);
      target = url.href;
    }
    ctx.status = 303;
    ctx.redirect(target);
  };
}

export function postLogoutSuccessSource(realm: Realm) {
  return (ctx: KoaContextWithOIDC): void => {
    ctx.type = "html";
    ctx.body = messagePage(brandOf(realm), "Signed out", "You have signed out.");
  };
}
