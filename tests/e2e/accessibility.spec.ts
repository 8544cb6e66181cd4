import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { expectNoViolations } from "./support/axe";

/**
 * axe-core with the WCAG 2 A/AA rules over the main pages, in Spanish, as a marketer, an
 * agent and an admin see them: zero violations. Each failure names the rule and the elements.
 */
test("the main pages have no WCAG 2 AA violations (axe-core)", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/login");
  await expect(page.locator("#email")).toBeVisible();
  await expectNoViolations(page, "login");

  await new LoginPage(page).signInAs("admin");

  await page.goto("/flows");
  await expect(page.locator('[data-testid="flow-row"]').first()).toBeVisible();
  await expectNoViolations(page, "flows");

  // The demo flow, in the editor with its canvas drawn.
  await page.locator('[data-testid="flow-row"] a[href^="/flows/"]').first().click();
  await expect(page.getByTestId("flow-editor")).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await page.waitForTimeout(500);
  await expectNoViolations(page, "editor");

  for (const path of ["/simulator", "/desk", "/protocols", "/contacts", "/contacts/import", "/settings", "/settings/users", "/settings/channels", "/settings/contact-fields"]) {
    await page.goto(path);
    // The desk and the simulator keep an event stream open: no "network idle"; their lists render from the server.
    await page.waitForLoadState("load");
    await expect(page.locator("main")).toBeVisible();
    await page.waitForTimeout(800);
    await expectNoViolations(page, path);
  }
});
