import { expect, test } from "@playwright/test";
import { port } from "./support";

// Raw HTTP with a chosen Host header, as an attacker would send it (Node cannot resolve *.localhost).
const origin = `http://127.0.0.1:${port}`;
const host = (sub: string) => `${sub}.localhost:${port}`;

test.describe("host routing from the attacker's side", () => {
  // Right after start the cloud tenant may still be provisioning (then every path shows its status page).
  test.beforeAll(async ({ request }) => {
    await expect
      .poll(async () => (await (await request.get(`${origin}/sign-in`, { headers: { host: host("cloud") } })).text()).includes("Sign in to"), { timeout: 30_000 })
      .toBe(true);
  });

  test("X-Forwarded-Host is ignored unless configured, so it cannot reach the console", async ({ request }) => {
    const response = await request.get(`${origin}/customers`, { headers: { host: host("nobody"), "x-forwarded-host": host("console") } });
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain("Onboard customer");
  });

  test("a forged tenant header does not change which tenant answers", async ({ request }) => {
    const response = await request.get(`${origin}/sign-in`, {
      headers: { host: host("cloud"), "x-gatehouse-tenant-id": "00000000-0000-4000-8000-000000000000", "x-gatehouse-tenant-key": "root" },
    });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain("Gatehouse Cloud"); // its sign-in page, or its "being set up" page right after start
    expect(html).not.toContain("Gatehouse Console");
  });

  test("a tenant host cannot reach the console's routes by path", async ({ request }) => {
    for (const path of ["/console", "/console/customers", "/console/api/tenants/00000000-0000-4000-8000-000000000000/provisioning"]) {
      const response = await request.get(`${origin}${path}`, { headers: { host: host("cloud") } });
      expect(response.status(), path).toBe(404);
    }
  });

  test("the console's progress API needs a superadmin session and answers only on the console host", async ({ request }) => {
    const id = "00000000-0000-4000-8000-000000000000";
    const onConsole = await request.get(`${origin}/api/tenants/${id}/provisioning`, { headers: { host: host("console") } });
    expect(onConsole.status()).toBe(401);
    expect(await onConsole.json()).toMatchObject({ code: "unauthorized" });
    const onIp = await request.get(`${origin}/api/tenants/${id}/provisioning`);
    expect(onIp.status()).toBe(404);
  });
});
