import type { IncomingMessage } from "node:http";
import type { Db } from "@/idp/db";
import { readJson } from "@/idp/http/body";
import { notFound } from "@/idp/http/respond";
import type { RealmRuntimes } from "@/idp/oidc/runtime";
import { findRealm, type Realm } from "@/idp/store/realms";

export interface AdminDeps {
  db: Db;
  runtimes: RealmRuntimes;
  publicUrl: string;
}

export interface Reply {
  status: number;
  json?: unknown;
  /** Path below the public URL, for 201 responses' Location header. */
  location?: string;
}

export class AdminContext {
  private realmPromise: Promise<Realm> | undefined;

  constructor(
    readonly deps: AdminDeps,
    readonly req: IncomingMessage,
    readonly params: Readonly<Record<string, string>>,
    readonly query: URLSearchParams,
  ) {}

  body(): Promise<unknown> {
    return readJson(this.req);
  }

  param(name: string): string {
    const value = this.params[name];
    if (value === undefined) throw new Error(`route has no parameter ${name}`);
    return value;
  }

  /** The realm named in the path; 404 (Keycloak's message) when it does not exist. */
  realm(): Promise<Realm> {
    this.realmPromise ??= findRealm(this.deps.db, this.param("realm")).then((realm) => {
      if (!realm) throw notFound("Realm not found.");
      return realm;
    });
    return this.realmPromise;
  }
}

export type Handler = (ctx: AdminContext) => Promise<Reply>;

export interface Route {
  method: string;
  /** Below /admin/realms, e.g. ":realm/users/:id". */
  pattern: string;
  handler: Handler;
}

export const ok = (json: unknown): Reply => ({ status: 200, json });
export const noContent = (): Reply => ({ status: 204 });
export const created = (location: string): Reply => ({ status: 201, location });

export function adminPath(realm: string, ...rest: string[]): string {
  return ["/admin/realms", encodeURIComponent(realm), ...rest.map(encodeURIComponent)].join("/");
}
