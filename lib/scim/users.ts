import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { AuditActor } from "@/lib/audit/actor";
import { parseOrThrow } from "@/lib/errors/zod";
import { createUserSchema } from "@/lib/users/schema";
import { changeTenantUser, createTenantUser, deleteTenantUser } from "@/lib/users/commands";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { Principal } from "@/lib/permissions/permissions";
import { scimNotFound } from "@/lib/scim/errors";
import { booleanAttribute, compileFilter, constantAttribute, prismaLogic, textAttribute, UUID_PATTERN, uuidAttribute, type FilterTarget } from "@/lib/scim/filter";
import { applyPatch } from "@/lib/scim/patch";
import { SCIM_SCHEMAS } from "@/lib/scim/schemas";
import { desiredUser, toScimUser, USER_RECORD_SELECT, type DesiredUser, type ScimUser, type UserRecord } from "@/lib/scim/user-resource";
import type { ListParams } from "@/lib/scim/list";

// SCIM Users on top of the users' own commands (lib/users/commands.ts): the same validation,
// quotas, identity sync, audit trail and disable path as the console and the REST API.

type Where = Prisma.UserWhereInput;

export const USER_FILTER: FilterTarget<Where> = {
  schema: SCIM_SCHEMAS.user,
  logic: prismaLogic<Where>({ id: { in: [] } }),
  attributes: {
    id: uuidAttribute<Where>("id", (id) => ({ id })),
    username: textAttribute<Where>("userName", (c) => ({ username: c }), { storedLowercase: true }),
    externalid: textAttribute<Where>("externalId", (c) => ({ externalId: c }), { caseExact: true, present: { externalId: { not: null } } }),
    emails: textAttribute<Where>("emails", (c) => ({ email: c }), { present: { email: { not: null } } }),
    "emails.value": textAttribute<Where>("emails.value", (c) => ({ email: c }), { present: { email: { not: null } } }),
    "emails.type": constantAttribute<Where>("emails.type", "work"),
    "name.givenname": textAttribute<Where>("name.givenName", (c) => ({ firstName: c }), { present: { firstName: { not: null } } }),
    "name.familyname": textAttribute<Where>("name.familyName", (c) => ({ lastName: c }), { present: { lastName: { not: null } } }),
    active: booleanAttribute<Where>("active", (enabled) => ({ enabled })),
  },
};

async function findUserRecord(tenant: ResolvedTenant, id: string): Promise<UserRecord> {
  const user = UUID_PATTERN.test(id) ? await tenantDb(tenant).user.findUnique({ where: { id: id.toLowerCase() }, select: USER_RECORD_SELECT }) : null;
  if (!user) throw scimNotFound("User", id);
  return user;
}

/** The user as the write just left it; deleted since (by a request that came right after), `404`. */
async function recordByUsername(tenant: ResolvedTenant, username: string): Promise<UserRecord> {
  const user = await tenantDb(tenant).user.findUnique({ where: { username }, select: USER_RECORD_SELECT });
  if (!user) throw scimNotFound("User", username);
  return user;
}

export async function getScimUser(tenant: ResolvedTenant, id: string, baseUrl: string): Promise<ScimUser> {
  return toScimUser(await findUserRecord(tenant, id), baseUrl);
}

export async function listScimUsers(tenant: ResolvedTenant, params: ListParams, baseUrl: string): Promise<{ resources: ScimUser[]; total: number }> {
  const where = params.filter ? compileFilter(USER_FILTER, params.filter) : {};
  const db = tenantDb(tenant);
  const [total, rows] = await db.$transaction([
    db.user.count({ where }),
    db.user.findMany({ where, select: USER_RECORD_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: params.startIndex - 1, take: params.count }),
  ]);
  return { total, resources: rows.map((row) => toScimUser(row, baseUrl)) };
}

/** Creates the user (as a member, without a password unless the client sends one; disabled if `active` is false), in one write. */
export async function createScimUser(tenant: ResolvedTenant, body: unknown, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimUser> {
  const desired = desiredUser(body);
  const input = parseOrThrow(createUserSchema, {
    username: desired.username,
    email: desired.email,
    firstName: desired.firstName,
    lastName: desired.lastName,
    tenantRole: "member",
    passwordMode: desired.password ? "set" : "none",
    password: desired.password,
  });
  const { username } = await createTenantUser(tenant, { ...input, externalId: desired.externalId, enabled: desired.enabled }, principal, by);
  return toScimUser(await recordByUsername(tenant, username), baseUrl);
}

const profileOf = (u: { email?: string | null; firstName?: string | null; lastName?: string | null }) => ({
  email: u.email ?? undefined,
  firstName: u.firstName ?? undefined,
  lastName: u.lastName ?? undefined,
});

/**
 * Makes the stored user what `desired` says (PUT, or the result of a PATCH applied to the user as
 * stored once its lock is held) in one change of the users' commands, addressed by id:
 * `userName`, profile, externalId and `active` validated and authorized together, then written
 * together (a taken name or email is 409 `uniqueness`, a bad value 400, and then nothing
 * changed); disabling ends the user's sessions at once.
 */
async function saveUser(
  tenant: ResolvedTenant,
  id: string,
  desired: (current: UserRecord) => DesiredUser,
  principal: Principal,
  by: AuditActor,
  baseUrl: string,
): Promise<ScimUser> {
  const changes = (current: UserRecord) => {
    const wanted = desired(current);
    return { username: wanted.username, profile: profileOf(wanted), externalId: wanted.externalId, enabled: wanted.enabled };
  };
  const { username } = await changeTenantUser(tenant, { id: (await findUserRecord(tenant, id)).id }, changes, principal, by);
  return toScimUser(await recordByUsername(tenant, username), baseUrl);
}

export function replaceScimUser(tenant: ResolvedTenant, id: string, body: unknown, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimUser> {
  return saveUser(tenant, id, () => desiredUser(body), principal, by, baseUrl);
}

export function patchScimUser(tenant: ResolvedTenant, id: string, body: unknown, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimUser> {
  return saveUser(tenant, id, (current) => desiredUser(applyPatch(toScimUser(current, baseUrl), body)), principal, by, baseUrl);
}

/** Deletes the user from the realm and the tenant; the break-glass admin is refused (403). */
export async function deleteScimUser(tenant: ResolvedTenant, id: string, principal: Principal, by: AuditActor): Promise<void> {
  await deleteTenantUser(tenant, { id: (await findUserRecord(tenant, id)).id }, principal, by);
}
