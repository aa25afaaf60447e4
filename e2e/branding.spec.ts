import { expect, test } from "@playwright/test";
import { hostUrl, idpPort, onboardTenant, signInToTenant } from "./support";

// A teal square with a script and an event handler the server must strip.
const LOGO_SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40" onload="document.title='pwned'">
  <script>document.title = "pwned"</script>
  <rect width="40" height="40" rx="6" fill="#0f766e"/><circle cx="20" cy="20" r="10" fill="#fff"/>
</svg>`;

const TEAL = "rgb(15, 118, 110)";
// 10,000 nested groups (70 KB, within the size limit): refused before it is parsed.
const DEEP_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${"<g>".repeat(10_000)}<circle r="1"/>${"</g>".repeat(10_000)}</svg>`;

test("a tenant admin changes the colour and logo, previews them, saves, and sees them on the workspace and its login page", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const page = await (await browser.newContext()).newPage();
  await signInToTenant(page, tenant.key, tenant.username, tenant.password);

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings · Branding", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Organization name", { exact: true })).toHaveValue(tenant.displayName);

  // A colour name is not a colour here: refused next to the field, the page and the form stay.
  const colour = page.getByLabel("Primary colour", { exact: true });
  await page.getByLabel("Tagline", { exact: true }).fill("Kept after the refusal");
  await colour.fill("teal");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("Enter a colour as #rrggbb, e.g. #2563eb")).toBeVisible();
  await expect(colour).toHaveValue("teal");
  await expect(page.getByLabel("Tagline", { exact: true })).toHaveValue("Kept after the refusal");

  // A light colour: warned about (white on it is unreadable), not refused.
  await colour.fill("#ffd700");
  await expect(page.getByTestId("contrast-warning")).toContainText("WCAG AA");
  await colour.fill("#0F766E");
  await expect(page.getByTestId("contrast-warning")).toHaveCount(0);

  await page.getByLabel("Organization name", { exact: true }).fill("Teal Rockets");
  await page.getByLabel("Tagline", { exact: true }).fill("Built for orbit");
  // A logo nested too deep is refused next to the field, at once; nothing is saved.
  await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "deep.svg", mimeType: "image/svg+xml", buffer: Buffer.from(DEEP_SVG) });
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("This SVG nests elements more than 100 levels deep; flatten its groups (or export it as PNG).")).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId("workspace-brand")).not.toContainText("Teal Rockets");

  await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(LOGO_SVG) });

  // The preview shows the unsaved values, the chosen file included; the workspace does not yet.
  const preview = page.getByTestId("preview-band");
  await expect(preview).toHaveCSS("background-color", TEAL);
  await expect(preview).toContainText("Teal Rockets");
  await expect(preview).toContainText("Built for orbit");
  await expect(preview.getByRole("img")).toHaveAttribute("src", /^blob:/);
  await expect(page.getByRole("img", { name: "Login page preview" })).toContainText("Teal Rockets");
  await expect(page.getByTestId("workspace-brand")).not.toContainText("Teal Rockets");

  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  // The workspace's primary buttons wear the brand colour, white text on it by the contrast rule.
  await expect(page.getByRole("button", { name: "Save branding" })).toHaveCSS("background-color", TEAL);
  await expect(page.getByRole("button", { name: "Save branding" })).toHaveCSS("color", "rgb(255, 255, 255)");

  // Applied at once to the workspace's own pages: colour, name, tagline, logo (served and drawn).
  const band = page.getByTestId("workspace-brand");
  await expect(band).toHaveCSS("background-color", TEAL);
  await expect(band).toContainText("Teal Rockets");
  await expect(band).toContainText("Built for orbit");
  const logo = band.getByRole("img", { name: "Teal Rockets logo" });
  await expect(logo).toHaveAttribute("src", /^\/branding\/logo\/[0-9a-f]{64}$/);
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const logoPath = (await logo.getAttribute("src"))!;
  await page.goto(hostUrl(tenant.key, "/profile"));
  await expect(page.getByTestId("workspace-brand")).toHaveCSS("background-color", TEAL);

  // The served SVG lost its script (fetched by the browser: only it resolves *.localhost).
  const served = await page.evaluate(async (path) => {
    const response = await fetch(path);
    return { type: response.headers.get("content-type"), nosniff: response.headers.get("x-content-type-options"), body: await response.text() };
  }, logoPath);
  expect(served).toMatchObject({ type: "image/svg+xml; charset=utf-8", nosniff: "nosniff" });
  expect(served.body).toContain("<rect");
  expect(served.body).not.toMatch(/script|onload|pwned/);

  const appFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);

  // Signed out (the logout comes back to the workspace, which sends us to sign in again), the
  // realm's login page carries the same branding, its logo from the tenant's host.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.port === String(idpPort) && url.pathname.includes("/login-actions/"));
  await expect(page.getByLabel("Username or email")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Teal Rockets", level: 1 })).toBeVisible();
  await expect(page.getByText("Built for orbit")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCSS("background-color", TEAL);
  // One typeface from sign-in to the app.
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe(appFont);
  const loginLogo = page.locator("img.logo");
  await expect(loginLogo).toHaveAttribute("src", hostUrl(tenant.key, logoPath));
  await expect.poll(() => loginLogo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await page.title()).not.toContain("pwned");
});
