// First: it prepares the globals Next's request stores need before anything loads them.
import { asRequest } from "@/tests/support/server-action";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The guard package refuses any import outside a React server build; the actions are server code.
vi.mock("server-only", () => ({}));
import { createHash } from "node:crypto";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { identityAdmin } from "@/lib/identity/admin";
import { deleteRealm, ensureRealm } from "@/lib/identity/realms";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { retryBrandingSyncAction, saveBrandingAction } from "@/lib/edge/actions/branding";
import { getBranding, saveBranding } from "@/lib/branding/service";
import { GET as serveBrandingAsset } from "@/app/workspace/branding/[kind]/[sha256]/route";
import { tenantUrl } from "@/lib/tenancy/urls";
import { exportTenant } from "@/lib/export/tenant-export";
import { strFromU8, unzipSync } from "fflate";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { sessionCookie } from "@/tests/support/api";
import { holdIdentityWrites, holdsUnavailable, openTransactions } from "@/tests/support/slow-identity";
import { waitFor } from "@/tests/support/cluster";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;

// A 1×1 PNG and a 16×16 ICO header: real magic bytes, as the browser would upload them.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const ICO = Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]), Buffer.alloc(32)]);
const EVIL_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><circle r="4"/></a><foreignObject><p>x</p></foreignObject><image href="https://evil.example/t.png"/></svg>';

const file = (bytes: Uint8Array | string, name: string, type: string) => new File([typeof bytes === "string" ? bytes : Buffer.from(bytes)], name, { type });

function brandingForm(values: Record<string, string>, files: Record<string, File> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries({ organizationName: "Acme Rockets", tagline: "To the moon", primaryColor: "#1E3A8A", ...values })) data.set(k, v);
  for (const [k, f] of Object.entries(files)) data.set(k, f);
  return data;
}

async function as(tenant: ResolvedTenant, username: string, roles: string[], host = hostOf(tenant)) {
  return { host, cookie: await sessionCookie(tenant, username, roles) };
}

async function save(request: { host: string; cookie: string }, target: string | null, data: FormData): Promise<FormState> {
  return asRequest(request, () => saveBrandingAction(target, initialFormState, data));
}

async function getAsset(host: string, path: string): Promise<Response> {
  const [, , kind, sha256] = path.split("/");
  return asRequest({ host }, () => serveBrandingAsset(new Request(`http://${host}${path}`), { params: Promise.resolve({ kind: kind!, sha256: sha256! }) }));
}

async function realm(tenant: ResolvedTenant) {
  const admin = await identityAdmin();
  return (await admin.realms.findOne({ realm: tenant.key }))!;
}

/** Everything a refused save must leave alone: the settings row, the files, the audit trail. */
async function snapshot(tenant: ResolvedTenant) {
  const db = tenantDb(tenant);
  const [branding, assets, events] = await Promise.all([
    db.branding.findUnique({ where: { id: true } }),
    db.brandingAsset.findMany({ select: { kind: true, sha256: true } }),
    db.auditEvent.count({ where: { resourceType: "settings" } }),
  ]);
  return { branding, assets, events };
}

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
});

afterAll(() => closeTestResources(controller));

describe("branding settings", () => {
  it("saves name, tagline, colour, logo and favicon, audits them without the bytes, and updates the realm's login page", async () => {
    const admin = await as(acme, "breakglass", ["tenant-admin"]);
    const result = await save(admin, null, brandingForm({}, { logo: file(PNG, "logo.png", "image/png"), favicon: file(ICO, "favicon.ico", "image/x-icon") }));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/login page show/) });

    const branding = await getBranding(acme);
    const logoHash = createHash("sha256").update(PNG).digest("hex");
    expect(branding).toMatchObject({
      organizationName: "Acme Rockets",
      tagline: "To the moon",
      primaryColor: "#1e3a8a",
      realmSyncState: "synced",
      logo: { contentType: "image/png", size: PNG.length, sha256: logoHash, path: `/branding/logo/${logoHash}` },
      favicon: { contentType: "image/x-icon" },
    });

    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      actor: `${acme.key}/breakglass`,
      resourceType: "settings",
      before: { organizationName: acme.displayName, logo: null },
      after: { organizationName: "Acme Rockets", primaryColor: "#1e3a8a", logo: { sha256: logoHash, size: PNG.length } },
    });
    expect(JSON.stringify(event.after)).not.toContain(PNG.toString("base64").slice(0, 20));

    // Over the real admin API: what the identity server's login page renders from.
    const representation = await realm(acme);
    expect(representation.displayName).toBe("Acme Rockets");
    expect(representation.attributes).toMatchObject({
      "gatehouse.tagline": "To the moon",
      "gatehouse.brandColor": "#1e3a8a",
      "gatehouse.logoUrl": `${tenantUrl(acme)}/branding/logo/${logoHash}`,
    });
  });

  it("serves the logo on its own tenant's host only, with its type, nosniff and an immutable cache", async () => {
    const { logo, favicon } = await getBranding(acme);
    const served = await getAsset(hostOf(acme), logo!.path);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    expect((await getAsset(hostOf(acme), favicon!.path)).headers.get("content-type")).toBe("image/x-icon");

    expect((await getAsset(hostOf(globex), logo!.path)).status).toBe(404);
    expect((await getAsset(hostOf(acme), `/branding/logo/${"0".repeat(64)}`)).status).toBe(404);
    expect((await getAsset(hostOf(acme), "/branding/secrets/abc")).status).toBe(404);
  });

  it("sanitises an SVG logo and serves it with a policy that forbids scripts", async () => {
    const admin = await as(acme, "breakglass", ["tenant-admin"]);
    expect(await save(admin, null, brandingForm({}, { logo: file(EVIL_SVG, "logo.svg", "image/svg+xml") }))).toMatchObject({ ok: true });
    const { logo } = await getBranding(acme);
    expect(logo?.contentType).toBe("image/svg+xml");
    const served = await getAsset(hostOf(acme), logo!.path);
    expect(served.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(served.headers.get("content-security-policy")).toMatch(/script-src 'none'/);
    const body = await served.text();
    expect(body).toContain("<circle");
    expect(body).not.toMatch(/script|onload|javascript|foreignObject|evil/i);
    // The old logo's URL is gone with it: the realm points at the new one.
    expect((await realm(acme)).attributes?.["gatehouse.logoUrl"]).toBe(`${tenantUrl(acme)}${logo!.path}`);
  });

  it("exports the branding with the tenant's data: settings in tenant.json, the files as they are served", async () => {
    const { logo, favicon } = await getBranding(acme);
    const files = unzipSync((await exportTenant(acme, TEST_ACTOR, "workspace")).zip);
    const find = (suffix: string) => Object.entries(files).find(([name]) => name.endsWith(suffix))?.[1];
    const tenantJson = JSON.parse(strFromU8(find("/tenant.json")!));
    expect(tenantJson.settings.branding).toMatchObject({
      organizationName: "Acme Rockets",
      primaryColor: "#1e3a8a",
      files: [
        { kind: "favicon", sha256: favicon!.sha256, path: "branding/favicon.ico" },
        { kind: "logo", sha256: logo!.sha256, path: "branding/logo.svg" },
      ],
    });
    expect(createHash("sha256").update(find("/branding/logo.svg")!).digest("hex")).toBe(logo!.sha256);
  });

  it("refuses an oversize or wrongly typed file and a bad colour next to the field, writing nothing", async () => {
    const admin = await as(acme, "breakglass", ["tenant-admin"]);
    const before = await snapshot(acme);
    const oversize = Buffer.concat([PNG, Buffer.alloc(600 * 1024)]);
    const cases: [FormData, Record<string, RegExp>][] = [
      [brandingForm({ organizationName: "Changed" }, { logo: file(oversize, "big.png", "image/png") }), { logo: /at most 512 KiB/ }],
      [brandingForm({ organizationName: "Changed" }, { logo: file("<html><script>alert(1)</script></html>", "logo.png", "image/png") }), { logo: /not a PNG, SVG or JPEG/ }],
      [
        brandingForm({ organizationName: "Changed" }, { favicon: file(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), "favicon.ico", "image/x-icon") }),
        { favicon: /not a PNG, ICO or SVG/ },
      ],
      [
        brandingForm({ organizationName: "Changed" }, { favicon: file(Buffer.concat([ICO, Buffer.alloc(70 * 1024)]), "favicon.ico", "image/x-icon") }),
        { favicon: /at most 64 KiB/ },
      ],
      [
        brandingForm({ primaryColor: "blue", organizationName: "" }, { logo: file(PNG, "ok.png", "image/png") }),
        { primaryColor: /#rrggbb/, organizationName: /Enter the organization's name/ },
      ],
    ];
    for (const [data, fields] of cases) {
      const result = await save(admin, null, data);
      expect(result).toMatchObject({ ok: false, code: "validation_failed" });
      for (const [field, message] of Object.entries(fields)) expect(result.fieldErrors[field]).toMatch(message);
    }
    expect(await snapshot(acme)).toEqual(before);
  });

  it("refuses members, auditors and other tenants, changing nothing", async () => {
    const before = await snapshot(acme);
    const data = () => brandingForm({ organizationName: "Hijacked" });
    expect(await save(await as(acme, "mia.member", ["member"]), null, data())).toMatchObject({ ok: false, code: "forbidden" });
    expect(await save(await as(acme, "aldo.auditor", ["auditor"]), null, data())).toMatchObject({ ok: false, code: "forbidden" });
    // Globex's admin: their session means nothing on Acme's host, and naming Acme from Globex's host is forbidden.
    expect(await save(await as(globex, "breakglass", ["tenant-admin"], hostOf(acme)), null, data())).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await save(await as(globex, "breakglass", ["tenant-admin"]), acme.key, data())).toMatchObject({ ok: false, code: "forbidden" });
    expect(await asRequest(await as(acme, "aldo.auditor", ["auditor"]), () => retryBrandingSyncAction(null, initialFormState))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(acme)).toEqual(before);
    expect((await getBranding(globex)).organizationName).toBe(globex.displayName);
  });

  it("lets a superadmin brand a tenant from the console, audited as root", async () => {
    const superadmin = await as(root, "superadmin", ["superadmin"], "console.localhost:3000");
    expect(await save(superadmin, globex.key, brandingForm({ organizationName: "Globex United", tagline: "", primaryColor: "#ffd700" }))).toMatchObject({ ok: true });
    expect(await getBranding(globex)).toMatchObject({ organizationName: "Globex United", tagline: null, primaryColor: "#ffd700", logo: null });
    expect((await tenantDb(globex).auditEvent.findFirstOrThrow({ where: { action: "settings.updated" } })).actor).toBe("root/superadmin");
    expect((await realm(globex)).attributes).toMatchObject({ "gatehouse.tagline": "", "gatehouse.brandColor": "#ffd700", "gatehouse.logoUrl": "" });
    // The console cannot name the root tenant.
    expect(await save(superadmin, root.key, brandingForm({}))).toMatchObject({ ok: false });
  });

  it("queues concurrent saves: each audit event's before is what the previous save left, and the realm ends with the last", async () => {
    const admin = await as(acme, "breakglass", ["tenant-admin"]);
    const colours = ["#111111", "#222222", "#333333", "#444444"];
    const results = await Promise.all(colours.map((primaryColor) => save(admin, null, brandingForm({ primaryColor }))));
    expect(results.every((r) => r.ok)).toBe(true);
    const trail = await tenantDb(acme).auditEvent.findMany({ where: { action: "settings.updated" }, orderBy: { id: "desc" }, take: colours.length });
    const chain = trail.reverse().map((e) => [(e.before as { primaryColor: string }).primaryColor, (e.after as { primaryColor: string }).primaryColor]);
    for (let i = 1; i < chain.length; i++) expect(chain[i]![0]).toBe(chain[i - 1]![1]);
    expect(chain.map(([, after]) => after).sort()).toEqual(colours);
    expect((await getBranding(acme)).primaryColor).toBe(chain.at(-1)![1]);
    expect((await realm(acme)).attributes?.["gatehouse.brandColor"]).toBe(chain.at(-1)![1]);
  });

  it.skipIf(holdsUnavailable)("holds no transaction open while the realm is updated: a save meanwhile commits at once, and the realm ends with it", async () => {
    const settings = (primaryColor: string) => ({ settings: { organizationName: "Acme Rockets", tagline: null, primaryColor } });
    // The identity server's update of this realm waits (its database is busy), as Keycloak's can for seconds.
    const hold = await holdIdentityWrites("SELECT 1 FROM realms WHERE name = $1 FOR UPDATE", [acme.key]);
    try {
      const first = saveBranding(acme, settings("#aa0000"), TEST_ACTOR);
      first.catch(() => {});
      await hold.blocked();
      expect(await openTransactions(acme.databaseName)).toBe(0);
      const second = saveBranding(acme, settings("#00bb00"), TEST_ACTOR);
      second.catch(() => {});
      // The second save's own transaction is not queued behind the first one's realm update.
      await waitFor(async () => (await tenantDb(acme).branding.findUnique({ where: { id: true } }))?.primaryColor === "#00bb00", "the second save to commit", 5_000);
      await hold.release();
      // The first push sent a colour that is no longer the newest: it does not claim "synced".
      expect(await first).toBe("pending");
      expect(await second).toBe("synced");
    } finally {
      await hold.release();
    }
    expect((await realm(acme)).attributes?.["gatehouse.brandColor"]).toBe("#00bb00");
    expect(await tenantDb(acme).branding.findUnique({ where: { id: true } })).toMatchObject({ primaryColor: "#00bb00", realmSyncState: "synced" });
  });

  it("keeps a failed realm update visible and retryable", async () => {
    const initech = await provisionedTenant(controller);
    const admin = await as(initech, "breakglass", ["tenant-admin"]);
    await deleteRealm(initech.key);
    const result = await save(admin, null, brandingForm({ organizationName: "Initech" }));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/could not be updated yet/) });
    expect(await getBranding(initech)).toMatchObject({ organizationName: "Initech", realmSyncState: "failed", realmSyncError: expect.any(String) });

    await ensureRealm({ name: initech.key, displayName: initech.displayName, enabled: true });
    expect(await asRequest(admin, () => retryBrandingSyncAction(null, initialFormState))).toMatchObject({ ok: true });
    expect(await getBranding(initech)).toMatchObject({ realmSyncState: "synced", realmSyncError: null });
    expect((await realm(initech)).displayName).toBe("Initech");
    expect(await tenantDb(initech).auditEvent.count({ where: { action: "settings.sync_retried" } })).toBe(1);
  });
});
