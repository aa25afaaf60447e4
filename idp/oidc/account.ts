import type { Account, BaseToken, Client as ProviderClient, KoaContextWithOIDC, UnknownObject } from "oidc-provider";
import type { Queryable } from "@/idp/db";
import { mapperClaims, profileClaims, type ClaimSubject } from "@/idp/oidc/claims";
import { clientExtras } from "@/idp/oidc/client-metadata";
import { roleNamesOfUser } from "@/idp/store/roles";
import { findServiceAccountUser, findUser, type User } from "@/idp/store/users";

export interface Subject extends ClaimSubject {
  user: User;
}

/** One realm's users as oidc-provider sees them; lookups are shared within one request. */
export class AccountSource {
  private readonly perRequest = new WeakMap<object, Map<string, Promise<Subject | null>>>();

  constructor(
    private readonly db: Queryable,
    private readonly realm: string,
  ) {}

  /** An enabled user with their realm roles, or null. */
  subject(userId: string, ctx?: object): Promise<Subject | null> {
    if (!ctx) return this.load(userId);
    let cache = this.perRequest.get(ctx);
    if (!cache) this.perRequest.set(ctx, (cache = new Map()));
    let pending = cache.get(userId);
    if (!pending) cache.set(userId, (pending = this.load(userId)));
    return pending;
  }

  private async load(userId: string): Promise<Subject | null> {
    const user = await findUser(this.db, this.realm, userId);
    if (!user?.enabled) return null;
    return { user, roles: await roleNamesOfUser(this.db, user.id) };
  }

  /** The enabled service-account user of a client (by its uuid) with its realm roles, or null. */
  async serviceAccount(clientUuid: string): Promise<Subject | null> {
    const user = await findServiceAccountUser(this.db, this.realm, clientUuid);
    if (!user?.enabled) return null;
    return { user, roles: await roleNamesOfUser(this.db, user.id) };
  }

  /**
   * oidc-provider's JWT customizer: a client-credentials token of a client with a service-account
   * user names that user as `sub`, as Keycloak's do (others keep `sub` = the client id).
   */
  readonly customizeJwt = async (_ctx: KoaContextWithOIDC, token: BaseToken, jwt: { payload: UnknownObject }): Promise<void> => {
    if (token.kind !== "ClientCredentials" || !token.client) return;
    const account = await this.serviceAccount(clientExtras(token.client).id);
    if (account) jwt.payload.sub = account.user.id;
  };

  /** oidc-provider's `findAccount`: a disabled or deleted user has no account, so their grants stop working. */
  readonly findAccount = async (ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const subject = await this.subject(sub, ctx);
    if (!subject) return undefined;
    return {
      accountId: subject.user.id,
      claims: (use: string) => ({
        sub: subject.user.id,
        ...profileClaims(subject.user),
        ...mapperClaims(mappersOf(ctx.oidc.client), use === "userinfo" ? "userinfo" : "id", subject),
      }),
    };
  };

  /** Keycloak's access-token claims: profile, `realm_access`, `azp`, and the client's mappers. */
  readonly extraTokenClaims = async (ctx: KoaContextWithOIDC, token: BaseToken): Promise<UnknownObject | undefined> => {
    const client = token.client ?? ctx.oidc.client;
    const clientId = token.clientId ?? client?.clientId;
    const mappers = mappersOf(client);
    if (token.kind === "ClientCredentials") {
      const account = client ? await this.serviceAccount(clientExtras(client).id) : null;
      return {
        typ: "Bearer",
        azp: clientId,
        preferred_username: account?.user.username ?? `service-account-${clientId ?? ""}`,
        ...(account ? { realm_access: { roles: account.roles } } : {}),
        ...mapperClaims(mappers, "access", account ?? { roles: [] }),
      };
    }
    const subject = token.accountId ? await this.subject(token.accountId, ctx) : null;
    if (!subject) return { typ: "Bearer", azp: clientId };
    return {
      typ: "Bearer",
      azp: clientId,
      ...(token.sid ? { sid: token.sid } : {}),
      ...profileClaims(subject.user),
      realm_access: { roles: subject.roles },
      ...mapperClaims(mappers, "access", subject),
    };
  };
}

function mappersOf(client: ProviderClient | undefined) {
  return client ? clientExtras(client).protocolMappers : [];
}
