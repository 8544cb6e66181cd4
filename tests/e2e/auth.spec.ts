import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

const NAV = { flows: "Flujos", desk: "Atención", analytics: "Analítica", settings: "Ajustes" } as const;

const ROLES = [
  { role: "admin", landing: /\/flows$/, sees: ["flows", "desk", "analytics", "settings"], roleLabel: "Administrador" },
  { role: "editor", landing: /\/flows$/, sees: ["flows", "analytics"], roleLabel: "Editor" },
  { role: "agent", landing: /\/desk$/, sees: ["desk", "analytics"], roleLabel: "Agente" },
] as const;

for (const { role, landing, sees, roleLabel } of ROLES) {
  test(`${role} signs in and sees only what the role allows`, async ({ page }, testInfo) => {
    await new LoginPage(page).signInAs(role);
    await expect(page).toHaveURL(landing);
    await expect(page.getByTestId("current-role")).toHaveText(roleLabel);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const [area, label] of Object.entries(NAV)) {
      const link = nav.getByRole("link", { name: label, exact: true });
      if ((sees as readonly string[]).includes(area)) await expect(link).toBeVisible();
      else await expect(link).toHaveCount(0);
    }
    await page.screenshot({ path: testInfo.outputPath(`signed-in-${role}.png`), fullPage: true });
  });
}

test("an agent opening an editor or admin page gets the not-allowed page, never the data", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("agent");
  for (const path of ["/flows", "/settings/users"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByText("admin@demo.atendo")).toHaveCount(0);
  }
  await page.screenshot({ path: testInfo.outputPath("agent-forbidden.png") });
});

test("a wrong password shows one clear message that reveals nothing", async ({ page }) => {
  const login = new LoginPage(page);
  await login.signIn("editor@demo.atendo", "not-the-password");
  await expect(login.error).toHaveText("Correo o contraseña incorrectos.");
  await login.signIn("nobody@demo.atendo", "not-the-password");
  await expect(login.error).toHaveText("Correo o contraseña incorrectos.");
});

test("anonymous visitors are sent to the login page and come back after signing in", async ({ page }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fusers/);
  await page.locator("#email").fill("admin@demo.atendo");
  await page.locator("#password").fill("atendo-demo");
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/settings\/users$/);
});

test("an admin creates, edits and disables a user with queues", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("admin");
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Nuevo usuario" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nombre").fill("Marina Souza");
  await dialog.getByLabel("Correo").fill("marina@demo.atendo");
  await dialog.getByLabel("Contraseña").fill("marina-pass-1");
  await dialog.getByRole("checkbox").first().check();
  await dialog.getByRole("button", { name: "Guardar" }).click();
  const row = page.getByTestId("user-row-marina@demo.atendo");
  await expect(row).toBeVisible();
  await expect(row).toContainText("Agente");
  await expect(row).toContainText("Activo");

  await row.getByRole("button", { name: "Editar usuario: Marina Souza" }).click();
  await page.getByRole("dialog").getByLabel("Nombre").fill("Marina S. Souza");
  await page.getByRole("dialog").getByRole("button", { name: "Guardar" }).click();
  await expect(row).toContainText("Marina S. Souza");

  await row.getByRole("button", { name: "Desactivar: Marina S. Souza" }).click();
  await expect(row).toContainText("Desactivado");
  await page.screenshot({ path: testInfo.outputPath("settings-users.png"), fullPage: true });
});

test("the language can be switched and follows the browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "pt-BR" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Entrar" })).toBeVisible();
  await expect(page.getByText("Entre no Atendo")).toBeVisible();
  await page.getByTestId("locale-switcher").click();
  await page.getByRole("option", { name: "English" }).click();
  await expect(page.getByText("Sign in to Atendo")).toBeVisible();
  await context.close();
});
