// Plain data, shared by the server and the quota form.

/** What a tenant's quotas limit. The names are the columns of `tenant_quotas` (Prisma field names). */
export const QUOTA_RESOURCES = ["users", "orgUnits", "memberships", "apiKeys"] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

export const QUOTA_LABELS: Record<QuotaResource, { title: string; noun: string }> = {
  users: { title: "Users", noun: "users" },
  orgUnits: { title: "Org units", noun: "org units" },
  memberships: { title: "Memberships", noun: "memberships" },
  apiKeys: { title: "Active API keys", noun: "active API keys" },
};

export type Quotas = Record<QuotaResource, number>;
export type QuotaOverrides = Record<QuotaResource, number | null>;
