import type { Prisma } from "@/lib/db/generated/tenant/client";

export type ApiKeyStatus = "active" | "expired" | "revoked";

/** A key as lists and responses show it: everything but its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  status: ApiKeyStatus;
}

export const viewSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: true,
  createdAt: true,
} as const satisfies Prisma.ApiKeySelect;

type ViewRow = Prisma.ApiKeyGetPayload<{ select: typeof viewSelect }>;

export function apiKeyStatus(key: Pick<ViewRow, "revokedAt" | "expiresAt">, now = new Date()): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function toApiKeyView(row: ViewRow, now = new Date()): ApiKeyView {
  return { ...row, status: apiKeyStatus(row, now) };
}
