import type { Adapter, AdapterPayload } from "oidc-provider";
import type { Queryable } from "@/idp/db";
import { clientMetadata } from "@/idp/oidc/client-metadata";
import { findClientByClientId } from "@/idp/store/clients";
import { textProblem } from "@/shared/unsafe-text";

/** oidc-provider's "Client" model, read from the clients table; a disabled client does not exist. */
export class ClientAdapter implements Adapter {
  constructor(
    private readonly db: Queryable,
    private readonly realm: string,
  ) {}

  async find(clientId: string): Promise<AdapterPayload | undefined> {
    if (textProblem(clientId)) return undefined; // no client has an id PostgreSQL cannot store
    const client = await findClientByClientId(this.db, this.realm, clientId);
    return client?.enabled ? clientMetadata(client) : undefined;
  }

  async upsert(): Promise<void> {
    throw new Error("clients are managed through the admin API");
  }

  async destroy(): Promise<void> {
    throw new Error("clients are managed through the admin API");
  }

  async findByUid(): Promise<undefined> {
    return undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(): Promise<void> {}

  async revokeByGrantId(): Promise<void> {}
}
