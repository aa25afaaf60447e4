import { ok, type AdminContext, type Reply, type Route } from "@/idp/admin/context";
import { badRequest } from "@/idp/http/respond";
import { findEvents } from "@/idp/store/events";

const DAY_MS = 86_400_000;

/** Keycloak accepts `yyyy-MM-dd` (a whole day, UTC here) or epoch milliseconds. */
function dateParam(ctx: AdminContext, name: "dateFrom" | "dateTo"): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(day)) throw badRequest(`Invalid value for '${name}', expected format is yyyy-MM-dd or epoch milliseconds`);
  return name === "dateFrom" ? day : day + DAY_MS - 1;
}

function countParam(ctx: AdminContext, name: "first" | "max", fallback: number): number {
  const raw = ctx.query.get(name);
  const value = raw === null || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw badRequest(`Invalid value for '${name}'`);
  return value;
}

/** Keycloak's `GET /admin/realms/{realm}/events`: user events, newest first, 100 unless `max` says otherwise. */
async function list(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const optional = (name: string) => ctx.query.get(name) || undefined;
  return ok(
    await findEvents(ctx.deps.db, realm, {
      types: ctx.query.getAll("type").filter(Boolean),
      client: optional("client"),
      user: optional("user"),
      ipAddress: optional("ipAddress"),
      from: dateParam(ctx, "dateFrom"),
      to: dateParam(ctx, "dateTo"),
      first: countParam(ctx, "first", 0),
      max: Math.min(countParam(ctx, "max", 100), 1000),
    }),
  );
}

export const eventRoutes: Route[] = [{ method: "GET", pattern: ":realm/events", handler: list }];
