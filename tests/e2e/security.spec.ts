import { expect, test, type Page } from "@playwright/test";
import { DeskPage } from "./pages/desk-page";
import { EditorPage } from "./pages/editor-page";
import { FlowsPage } from "./pages/flows-page";
import { LoginPage } from "./pages/login-page";
import { SimulatorPage } from "./pages/simulator-page";

/**
 * Every CSP violation the page reports: the `securitypolicyviolation` event (listened to
 * from an init script, which CSP does not govern) and Chromium's console message.
 */
async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} on ${location.pathname}`);
    });
  });
  return violations;
}

test("the main pages work under the CSP with no violation: login, flows, editor, simulator, desk, settings", async ({ page }, testInfo) => {
  const violations = await collectCspViolations(page);
  const login = new LoginPage(page);

  const loginResponse = await page.goto("/login");
  const csp = loginResponse!.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");

  // The login form is JavaScript-driven: signing in proves the scripts ran.
  await login.signInAs("admin");
  await expect(page).toHaveURL(/\/flows$/);
  await expect(new FlowsPage(page).rows().first()).toBeVisible();

  const { flows } = (await (await page.request.get("/api/flows")).json()) as { flows: { id: string }[] };
  const editor = new EditorPage(page);
  await editor.open(flows[0]!.id);
  await expect(editor.canvas.locator(".react-flow__node").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("csp-editor.png") });

  // The simulator plays a customer through the real webhook; the bot's answer comes back live.
  const simulator = new SimulatorPage(page);
  await simulator.open();
  await simulator.startNewCustomer();
  await simulator.send("hola");
  await expect(simulator.businessMessages().first()).toBeVisible();

  const desk = new DeskPage(page);
  await desk.open();

  for (const path of ["/settings/users", "/settings/tokens", "/analytics", "/protocols"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("a callbackUrl that points off the app is ignored after sign-in", async ({ page, baseURL }) => {
  const login = new LoginPage(page);
  await login.signIn("admin@demo.atendo", undefined, "/login?callbackUrl=/%5Cevil.example/x");
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("a same-origin callbackUrl is honoured after sign-in", async ({ page, baseURL }) => {
  const login = new LoginPage(page);
  await login.signIn("admin@demo.atendo", undefined, "/login?callbackUrl=%2Fsettings%2Fusers");
  await expect(page).toHaveURL(`${new URL(baseURL!).origin}/settings/users`);
});
