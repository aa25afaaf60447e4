import { expect, test, type Page } from "@playwright/test";
import { consoleUrl, hostUrl, openConsole } from "./support";

/** Collects the Content-Security-Policy violations Chromium reports on the page's console. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test("console pages send a content security policy and cannot be framed, and run with no policy violation", async ({ page }) => {
  const violations = cspViolations(page);
  await openConsole(page, "/customers");
  const response = (await page.goto(consoleUrl("/customers")))!;
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  // The page is interactive under the policy: client navigation works (scripts carry the nonce).
  await page.getByRole("link", { name: "Tenants" }).first().click();
  await expect(page).toHaveURL(consoleUrl("/tenants"));
  expect(violations).toEqual([]);

  // Another site frames the console: the browser refuses to show it, and says why.
  const attacker = await page.context().newPage();
  const refusals: string[] = [];
  attacker.on("console", (message) => refusals.push(message.text()));
  await attacker.setContent(`<iframe src="${consoleUrl("/customers")}" width="800" height="600"></iframe>`);
  await expect.poll(() => refusals.join("\n")).toMatch(/Framing .* violates .*frame-ancestors .none.*blocked/);
});

test("a workspace host and its not-found page carry the same headers", async ({ page }) => {
  for (const url of [hostUrl("no-such-workspace-here", "/"), consoleUrl("/no-such-page")]) {
    const response = (await page.goto(url))!;
    expect(response.headers()["x-frame-options"], url).toBe("DENY");
    expect(response.headers()["content-security-policy"], url).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  }
});
