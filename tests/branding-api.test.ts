// First: it prepares the globals Next's request stores need before anything loads them.
import "@/tests/support/server-action";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
import { tenantDb } from "@/lib/db/tenant-clients";
import { identityAdmin } from "@/lib/identity/admin";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { getBranding } from "@/lib/branding/service";
import { tenantUrl } from "@/lib/tenancy/urls";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { call, sessionCookie, type Handler } from "@/tests/support/api";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import * as brandingRoute from "@/app/workspace/api/v1/tenants/[key]/branding/route";
import * as brandingFileRoute from "@/app/workspace/api/v1/tenants/[key]/branding/[kind]/route";
import * as consoleBrandingRoute from "@/app/console/api/v1/tenants/[key]/branding/route";
import * as consoleBrandingFileRoute from "@/app/console/api/v1/tenants/[key]/branding/[kind]/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const CONSOLE = "console.localhost:3000";

const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));
const ICO = new Uint8Array(Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]), Buffer.alloc(32)]));
const EVIL_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><circle r="4"/><image href="https://evil.example/t.png"/></svg>';
// 10,000 nested groups in 70 KB: once 13 s of blocked server and a stack overflow.
const NESTED_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${"<g>".repeat(10_000)}<circle r="1"/>${"</g>".repeat(10_000)}</svg>`;
// Within every limit (9,999 shapes, 498 KiB) and about a second of sanitising.
const BUSY_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${'<path d="M0 0L10 10" fill="#123456" stroke="#000"/>'.repeat(9_999)}</svg>`;
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

interface Who {
  host: string;
  cookie?: string;
}

async function as(tenant: ResolvedTenant, username: string, roles: string[], host = hostOf(tenant)): Promise<Who> {
  return { host, cookie: await sessionCookie(tenant, username, roles) };
}

const routes = (who: Who) => (who.host === CONSOLE ? { settings: consoleBrandingRoute, file: consoleBrandingFileRoute } : { settings: brandingRoute, file: brandingFileRoute });

function getSettings(who: Who, tenant: ResolvedTenant) {
  return call(routes(who).settings.GET as Handler, { ...who, path: `/api/v1/tenants/${tenant.key}/branding`, params: { key: tenant.key } });
}

function putSettings(who: Who, tenant: ResolvedTenant, body: unknown) {
  return call(routes(who).settings.PUT as Handler, {
    ...who,
    path: `/api/v1/tenants/${tenant.key}/branding`,
    method: "PUT",
    params: { key: tenant.key },
    body,
    headers: { origin: `http://${who.host}` },
  });
}

function putFile(who: Who, tenant: ResolvedTenant, kind: string, bytes: Uint8Array<ArrayBuffer> | string, contentType: string) {
  return call(routes(who).file.PUT as Handler, {
    ...who,
    path: `/api/v1/tenants/${tenant.key}/branding/${kind}`,
    method: "PUT",
    params: { key: tenant.key, kind },
    rawBody: bytes,
    headers: { origin: `http://${who.host}`, "content-type": contentType },
  });
}

function deleteFile(who: Who, tenant: ResolvedTenant, kind: string) {
  return call(routes(who).file.DELETE as Handler, {
    ...who,
    path: `/api/v1/tenants/${tenant.key}/branding/${kind}`,
    method: "DELETE",
    params: { key: tenant.key, kind },
    headers: { origin: `http://${who.host}` },
  });
}

/** Everything a refused request must leave alone: the settings row, the files, the audit trail. */
async function snapshot(tenant: ResolvedTenant) {
  const db = tenantDb(tenant);
  const [branding, assets, events] = await Promise.all([
    db.branding.findUnique({ where: { id: true } }),
    db.brandingAsset.findMany({ select: { kind: true, sha256: true } }),
    db.auditEvent.count({ where: { resourceType: "settings" } }),
  ]);
  return { branding, assets, events };
}

async function realmAttributes(tenant: ResolvedTenant): Promise<Record<string, unknown>> {
  const admin = await identityAdmin();
  const realm = (await admin.realms.findOne({ realm: tenant.key }))!;
  return { displayName: realm.displayName, ...realm.attributes };
}

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
});

afterAll(() => closeTestResources(controller));

describe("branding over REST", () => {
  it("reads and sets name, tagline and colour, audited and pushed to the realm like the form", async () => {
    const admin = await as(acme, "ada", ["tenant-admin"]);
    expect(await getSettings(admin, acme)).toMatchObject({
      status: 200,
      body: { organizationName: acme.displayName, tagline: null, primaryColor: "#2563eb", logo: null, favicon: null },
    });

    const saved = await putSettings(admin, acme, { organizationName: "  Acme Rockets ", tagline: "To the moon", primaryColor: "#1E3A8A" });
    expect(saved).toMatchObject({ status: 200, body: { organizationName: "Acme Rockets", tagline: "To the moon", primaryColor: "#1e3a8a", realmSyncState: "synced" } });
    expect(await getSettings(admin, acme)).toMatchObject({ status: 200, body: saved.body });
    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      actor: `${acme.key}/ada`,
      resourceId: "branding",
      before: { organizationName: acme.displayName },
      after: { organizationName: "Acme Rockets", primaryColor: "#1e3a8a" },
    });
    expect(await realmAttributes(acme)).toMatchObject({ displayName: "Acme Rockets", "gatehouse.tagline": "To the moon", "gatehouse.brandColor": "#1e3a8a" });

    // A missing tagline clears it; the files are not touched by this route.
    expect(await putSettings(admin, acme, { organizationName: "Acme Rockets", primaryColor: "#1e3a8a" })).toMatchObject({ status: 200, body: { tagline: null } });
  });

  it("uploads, replaces and removes the logo and favicon with the raw body, sniffed and sanitised like the form", async () => {
    const admin = await as(acme, "ada", ["tenant-admin"]);
    const logo = await putFile(admin, acme, "logo", PNG, "image/png");
    expect(logo).toMatchObject({
      status: 200,
      body: { organizationName: "Acme Rockets", logo: { contentType: "image/png", size: PNG.byteLength, sha256: sha256(PNG), path: `/branding/logo/${sha256(PNG)}` } },
    });
    expect((await realmAttributes(acme))["gatehouse.logoUrl"]).toBe(`${tenantUrl(acme)}/branding/logo/${sha256(PNG)}`);
    expect(await putFile(admin, acme, "favicon", ICO, "image/x-icon")).toMatchObject({ status: 200, body: { favicon: { contentType: "image/x-icon", size: ICO.byteLength } } });

    // The SVG loses its scripts, handlers and external references; what is stored is what is served.
    const svg = await putFile(admin, acme, "logo", EVIL_SVG, "image/svg+xml");
    expect(svg).toMatchObject({ status: 200, body: { logo: { contentType: "image/svg+xml" }, favicon: { contentType: "image/x-icon" } } });
    const stored = await tenantDb(acme).brandingAsset.findUniqueOrThrow({ where: { kind: "logo" } });
    const text = Buffer.from(stored.bytes).toString("utf8");
    expect(text).toContain("<circle");
    expect(text).not.toMatch(/script|onload|evil/i);
    expect((svg.body.logo as { sha256: string }).sha256).toBe(sha256(stored.bytes));

    expect((await deleteFile(admin, acme, "favicon")).status).toBe(204);
    expect(await getSettings(admin, acme)).toMatchObject({ body: { favicon: null, logo: { contentType: "image/svg+xml" } } });
    expect(await deleteFile(admin, acme, "favicon")).toMatchObject({ status: 404, body: { code: "not_found" } });
    const trail = await tenantDb(acme).auditEvent.findMany({ where: { action: "settings.updated" }, orderBy: { id: "desc" }, take: 1 });
    expect(trail[0]).toMatchObject({ before: { favicon: { contentType: "image/x-icon" } }, after: { favicon: null } });
  });

  it("refuses bad values, wrong or mismatched files and oversize files with stable codes, writing nothing", async () => {
    const admin = await as(acme, "ada", ["tenant-admin"]);
    const before = await snapshot(acme);
    expect(await putSettings(admin, acme, { organizationName: "", primaryColor: "blue", tagline: "x".repeat(161) })).toMatchObject({
      status: 400,
      body: {
        code: "validation_failed",
        fields: {
          organizationName: expect.stringMatching(/Enter the organization's name/),
          primaryColor: expect.stringMatching(/#rrggbb/),
          tagline: expect.stringMatching(/At most 160/),
        },
      },
    });
    expect(await putSettings(admin, acme, "not an object")).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    // The type comes from the bytes: HTML claiming to be a PNG, a JPEG as a favicon.
    expect(await putFile(admin, acme, "logo", "<html><script>alert(1)</script></html>", "image/png")).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { logo: expect.stringMatching(/not a PNG, SVG or JPEG/) } },
    });
    expect(await putFile(admin, acme, "favicon", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]), "image/x-icon")).toMatchObject({
      status: 400,
      body: { fields: { favicon: expect.stringMatching(/not a PNG, ICO or SVG/) } },
    });
    expect(await putFile(admin, acme, "logo", PNG, "application/octet-stream")).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { logo: expect.stringMatching(/Content-Type image\/png/) } },
    });
    expect(await putFile(admin, acme, "logo", new Uint8Array(), "image/png")).toMatchObject({
      status: 400,
      body: { fields: { logo: expect.stringMatching(/as the request body/) } },
    });
    // The form's limits and messages, with 413 like any oversize body.
    const oversize = new Uint8Array(Buffer.concat([PNG, Buffer.alloc(600 * 1024)]));
    expect(await putFile(admin, acme, "logo", oversize, "image/png")).toMatchObject({
      status: 413,
      body: { code: "validation_failed", fields: { logo: expect.stringMatching(/at most 512 KiB/) } },
    });
    const bigIcon = new Uint8Array(Buffer.concat([ICO, Buffer.alloc(70 * 1024)]));
    expect(await putFile(admin, acme, "favicon", bigIcon, "image/x-icon")).toMatchObject({ status: 413, body: { fields: { favicon: expect.stringMatching(/at most 64 KiB/) } } });
    // A body streamed without Content-Length is cut off at the limit too.
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        c.enqueue(oversize);
        c.close();
      },
    });
    const streamed = await call(brandingFileRoute.PUT as Handler, {
      ...admin,
      path: `/api/v1/tenants/${acme.key}/branding/logo`,
      method: "PUT",
      params: { key: acme.key, kind: "logo" },
      rawBody: stream,
      headers: { origin: `http://${admin.host}`, "content-type": "image/png" },
    });
    expect(streamed).toMatchObject({ status: 413, body: { fields: { logo: expect.stringMatching(/at most 512 KiB/) } } });
    expect(await putFile(admin, acme, "banner", PNG, "image/png")).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect(await snapshot(acme)).toEqual(before);
  });

  it("refuses an SVG nested 10,000 levels deep at once, on the logo field, writing nothing", async () => {
    const admin = await as(acme, "ada", ["tenant-admin"]);
    const before = await snapshot(acme);
    const started = performance.now();
    expect(await putFile(admin, acme, "logo", NESTED_SVG, "image/svg+xml")).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { logo: expect.stringMatching(/nests elements more than 100 levels deep/) } },
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await snapshot(acme)).toEqual(before);
  });

  it("keeps answering other tenants' requests promptly while a big SVG is being sanitised", async () => {
    const admin = await as(acme, "ada", ["tenant-admin"]);
    const other = await as(globex, "gina", ["tenant-admin"]);
    expect((await getSettings(other, globex)).status).toBe(200);
    let uploading = true;
    const started = performance.now();
    const upload = putFile(admin, acme, "logo", BUSY_SVG, "image/svg+xml").finally(() => (uploading = false));
    const waits: number[] = [];
    while (uploading) {
      const asked = performance.now();
      expect((await getSettings(other, globex)).status).toBe(200);
      waits.push(performance.now() - asked);
    }
    expect(await upload).toMatchObject({ status: 200, body: { logo: { contentType: "image/svg+xml" } } });
    const uploadMs = performance.now() - started;
    // Sanitising on the request thread made one of these wait for nearly the whole upload; the
    // bound is relative because the shared test machines are slow by varying amounts.
    expect(waits.length).toBeGreaterThan(3);
    expect(Math.max(...waits)).toBeLessThan(uploadMs / 4);
  });

  it("refuses members, auditors, other tenants and anonymous callers, reading and changing nothing", async () => {
    const before = await snapshot(acme);
    const refused: [string, Who, number, string][] = [
      ["member", await as(acme, "mo", ["member"]), 403, "forbidden"],
      ["auditor", await as(acme, "audrey", ["auditor"]), 403, "forbidden"],
      ["other tenant's admin on this host", await as(globex, "gina", ["tenant-admin"], hostOf(acme)), 401, "unauthorized"],
      ["other tenant's admin naming this tenant from its own host", await as(globex, "gina", ["tenant-admin"]), 403, "forbidden"],
      ["anonymous", { host: hostOf(acme) }, 401, "unauthorized"],
    ];
    for (const [who, caller, status, code] of refused) {
      const outcomes = [
        await getSettings(caller, acme),
        await putSettings(caller, acme, { organizationName: "Hijacked", primaryColor: "#000000" }),
        await putFile(caller, acme, "logo", PNG, "image/png"),
        await deleteFile(caller, acme, "logo"),
      ];
      for (const outcome of outcomes) expect([who, outcome.status, outcome.body.code]).toEqual([who, status, code]);
      expect((outcomes[0]!.body as { organizationName?: string }).organizationName).toBeUndefined();
    }
    expect(await snapshot(acme)).toEqual(before);
    expect((await getBranding(globex)).organizationName).toBe(globex.displayName);
  });

  it("lets the superadmin read and brand any customer tenant from the console, never the root tenant", async () => {
    const superadmin = await as(root, "superadmin", ["superadmin"], CONSOLE);
    expect(await getSettings(superadmin, acme)).toMatchObject({ status: 200, body: { organizationName: "Acme Rockets" } });
    expect(await putSettings(superadmin, globex, { organizationName: "Globex United", primaryColor: "#ffd700" })).toMatchObject({
      status: 200,
      body: { organizationName: "Globex United" },
    });
    expect(await putFile(superadmin, globex, "favicon", ICO, "image/x-icon")).toMatchObject({ status: 200, body: { favicon: { contentType: "image/x-icon" } } });
    expect((await tenantDb(globex).auditEvent.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { id: "desc" } })).actor).toBe("root/superadmin");
    expect((await getSettings(superadmin, root)).status).toBeGreaterThanOrEqual(400);
    // Acme's branding is untouched by Globex's.
    expect(await getBranding(acme)).toMatchObject({ organizationName: "Acme Rockets", favicon: null });
  });
});

describe("the branding cache", () => {
  it("answers each tenant with its own branding, never another tenant's", async () => {
    const [a, g] = [await getBranding(acme), await getBranding(globex)];
    expect(a.organizationName).toBe("Acme Rockets");
    expect(g.organizationName).toBe("Globex United");
    expect((await getBranding(acme)).organizationName).toBe("Acme Rockets");
    expect((await getBranding(globex)).favicon?.contentType).toBe("image/x-icon");
    expect((await getBranding(acme)).favicon).toBeNull();
  });

  it("sees a save made in another app process on its next read after the NOTIFY", async () => {
    expect((await getBranding(acme)).organizationName).toBe("Acme Rockets");
    // A write that bypasses the service (no NOTIFY) is not seen: reads come from the cache.
    await tenantDb(acme).branding.update({ where: { id: true }, data: { tagline: "written behind the cache's back" } });
    expect((await getBranding(acme)).tagline).toBeNull();

    const child = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "branding-child.ts"), JSON.stringify(acme), "Acme Interplanetary"], {
      env: process.env,
      stdio: "inherit",
    });
    expect(await new Promise((resolve) => child.on("exit", resolve))).toBe(0);
    await expect.poll(async () => (await getBranding(acme)).organizationName, { timeout: 5_000 }).toBe("Acme Interplanetary");
    expect(await getBranding(acme)).toMatchObject({ primaryColor: "#0f766e", tagline: null, realmSyncState: "synced" });
    expect((await getBranding(globex)).organizationName).toBe("Globex United");
  }, 60_000);
});
