// Type declarations for the parts of oidc-provider 9 that the embedded identity server uses.
// The package ships no types and @types/oidc-provider is not installed; this covers only what
// idp/ calls, checked against the library's source (node_modules/oidc-provider/lib).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  import type { JWK } from "jose";

  export type UnknownObject = Record<string, unknown>;

  export interface AdapterPayload extends UnknownObject {
    accountId?: string;
    grantId?: string;
    userCode?: string;
    uid?: string;
    consumed?: number;
    exp?: number;
    jti?: string;
    kind?: string;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface CookieOptions {
    path?: string;
    domain?: string;
    httpOnly?: boolean;
    sameSite?: "lax" | "strict" | "none";
    secure?: boolean;
    signed?: boolean;
    maxAge?: number;
    overwrite?: boolean;
  }

  export interface ClientMetadata extends UnknownObject {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    application_type?: "web" | "native";
  }

  export interface Client {
    readonly clientId: string;
    readonly clientName?: string;
    readonly clientAuthMethod: string;
    readonly redirectUris?: string[];
    readonly postLogoutRedirectUris?: string[];
    readonly grantTypes?: string[];
    grantTypeAllowed(type: string): boolean;
    redirectUriAllowed(value: string): boolean;
    postLogoutRedirectUriAllowed(value: string): boolean;
    readonly [extra: string]: unknown;
  }

  export interface ClientConstructor {
    prototype: Client;
    find(id: string): Promise<Client | undefined>;
  }

  export interface AccountClaims extends UnknownObject {
    sub: string;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: UnknownObject, rejected: string[]): Promise<AccountClaims> | AccountClaims;
  }

  export interface Session {
    readonly uid: string;
    readonly jti: string;
    accountId?: string;
    authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
    state?: UnknownObject;
    grantIdFor(clientId: string): string | undefined;
    destroy(): Promise<void>;
  }

  export interface Grant {
    readonly jti: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: "opaque" | "jwt";
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  export interface ResourceServer extends ResourceServerInfo {
    identifier(): string;
  }

  export interface BaseToken {
    readonly jti: string;
    readonly kind: string;
    accountId?: string;
    clientId?: string;
    grantId?: string;
    sessionUid?: string;
    sid?: string;
    scope?: string;
    gty?: string;
    resourceServer?: ResourceServer;
    readonly client?: Client;
    readonly expiration: number;
    save(): Promise<string>;
  }

  export interface AccessTokenConstructor {
    new (properties: { accountId: string; client: Client; grantId: string; gty: string; scope?: string; expiresWithSession?: boolean }): BaseToken;
  }

  export interface StoredToken extends BaseToken {
    readonly isValid: boolean;
    readonly exp: number;
    readonly iat: number;
  }

  export interface RefreshTokenConstructor {
    find(value: string): Promise<StoredToken | undefined>;
    new (properties: {
      accountId: string;
      client: Client;
      grantId: string;
      gty: string;
      scope?: string;
      resource?: string;
      rotations: number;
      authTime?: number;
      expiresWithSession?: boolean;
    }): BaseToken;
  }

  export interface IdToken {
    scope: string;
    mask: UnknownObject;
    rejected: string[];
    set(claim: string, value: unknown): void;
    issue(options: { use: "idtoken" }): Promise<string>;
  }

  export interface IdTokenConstructor {
    new (claims: UnknownObject, options: { ctx: KoaContextWithOIDC }): IdToken;
  }

  export interface ResourceServerConstructor {
    new (identifier: string, info: ResourceServerInfo): ResourceServer;
  }

  export interface OIDCParams {
    readonly [name: string]: string | string[] | undefined;
  }

  export interface OIDCContext {
    readonly provider: Provider;
    readonly issuer: string;
    readonly route: string;
    readonly client?: Client;
    readonly session?: Session;
    readonly account?: Account;
    readonly params?: OIDCParams;
    readonly result?: InteractionResults;
    readonly entities: {
      readonly IdTokenHint?: { payload: UnknownObject };
      readonly [entity: string]: unknown;
    };
    urlFor(name: string, params?: UnknownObject): string;
    entity(key: string, value: unknown): void;
  }

  export interface KoaContextWithOIDC {
    readonly oidc: OIDCContext;
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    readonly method: string;
    readonly path: string;
    readonly ip: string;
    status: number;
    body: unknown;
    type: string;
    readonly cookies: {
      get(name: string, options?: CookieOptions): string | undefined;
      set(name: string, value: string | null, options?: CookieOptions): void;
    };
    redirect(url: string): void;
    set(field: string, value: string): void;
    get(field: string): string;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean; amr?: string[]; acr?: string; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface Interaction {
    readonly uid: string;
    readonly jti: string;
    readonly returnTo: string;
    readonly exp: number;
    readonly prompt: { name: string; reasons: string[]; details: UnknownObject };
    readonly params: UnknownObject;
    readonly session?: { accountId: string; uid: string; cookie: string };
    readonly grantId?: string;
    readonly lastSubmission?: InteractionResults;
    result?: InteractionResults;
  }

  export type TTLFunction = (ctx: KoaContextWithOIDC | undefined, token: unknown, client?: Client) => number;

  export interface ErrorOut {
    error: string;
    error_description?: string;
    state?: string;
    [key: string]: unknown;
  }

  export interface Configuration {
    adapter?: (name: string) => Adapter;
    clients?: ClientMetadata[];
    claims?: Record<string, string[] | null>;
    clientAuthMethods?: string[];
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: Client) => boolean;
    clientDefaults?: Partial<ClientMetadata>;
    conformIdTokenClaims?: boolean;
    cookies?: {
      names?: { session?: string; interaction?: string; resume?: string };
      long?: CookieOptions;
      short?: CookieOptions;
      keys?: string[];
    };
    discovery?: UnknownObject;
    extraClientMetadata?: {
      properties: string[];
      validator?: (ctx: KoaContextWithOIDC | undefined, key: string, value: unknown, metadata: UnknownObject) => void;
    };
    extraTokenClaims?: (ctx: KoaContextWithOIDC, token: BaseToken) => Promise<UnknownObject | undefined> | UnknownObject | undefined;
    formats?: {
      customizers?: {
        /** Changes a JWT access token's header and payload before it is signed. */
        jwt?: (ctx: KoaContextWithOIDC, token: BaseToken, jwt: { header?: UnknownObject; payload: UnknownObject }) => Promise<void> | void;
      };
    };
    features?: {
      devInteractions?: { enabled: boolean };
      dPoP?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      introspection?: {
        enabled: boolean;
        allowedPolicy?: (ctx: KoaContextWithOIDC, client: Client, token: BaseToken) => Promise<boolean> | boolean;
      };
      revocation?: {
        enabled: boolean;
        allowedPolicy?: (ctx: KoaContextWithOIDC, client: Client, token: BaseToken) => Promise<boolean> | boolean;
      };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?: (ctx: KoaContextWithOIDC, form: string) => Promise<void> | void;
        postLogoutSuccessSource?: (ctx: KoaContextWithOIDC) => Promise<void> | void;
      };
      userinfo?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: KoaContextWithOIDC, client: Client, oneOf?: string[]) => Promise<string | string[] | undefined> | string | string[] | undefined;
        useGrantedResource?: (ctx: KoaContextWithOIDC, model: unknown) => Promise<boolean> | boolean;
        getResourceServerInfo?: (ctx: KoaContextWithOIDC, resourceIndicator: string, client: Client) => Promise<ResourceServerInfo> | ResourceServerInfo;
      };
      pushedAuthorizationRequests?: { enabled: boolean };
    };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Promise<Account | undefined> | Account | undefined;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => Promise<string> | string };
    issueRefreshToken?: (ctx: KoaContextWithOIDC, client: Client, code: unknown) => Promise<boolean> | boolean;
    jwks?: { keys: JWK[] };
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => Promise<void> | void;
    responseTypes?: string[];
    routes?: Record<string, string>;
    scopes?: string[];
    ttl?: Record<string, number | TTLFunction>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: GrantConstructor;
    readonly Client: ClientConstructor;
    readonly AccessToken: AccessTokenConstructor;
    readonly RefreshToken: RefreshTokenConstructor;
    readonly IdToken: IdTokenConstructor;
    readonly ResourceServer: ResourceServerConstructor;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    cookieName(type: "session" | "interaction" | "resume"): string;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    registerGrantType(name: string, handler: (ctx: KoaContextWithOIDC) => Promise<void>, params?: string[] | Set<string>): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    /** Koa middleware around every route (the provider is a Koa application). */
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): this;
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      constructor(status: number, message: string);
      status: number;
      statusCode: number;
      error: string;
      error_description?: string;
      expose: boolean;
    }
    /** Any error code with a description of one's own choosing (400). */
    class CustomOIDCProviderError extends OIDCProviderError {
      constructor(error: string, description?: string);
    }
    /** Fixed description "grant request is invalid"; the argument is only logged (error_detail). */
    class InvalidGrant extends OIDCProviderError {
      constructor(detail?: string);
    }
    class InvalidRequest extends OIDCProviderError {
      constructor(description?: string, code?: number);
    }
    class InvalidClient extends OIDCProviderError {
      constructor(description?: string);
    }
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
    class AccessDenied extends OIDCProviderError {
      constructor(description?: string);
    }
    class SessionNotFound extends OIDCProviderError {
      constructor(description?: string);
    }
  }

  export default Provider;
}
