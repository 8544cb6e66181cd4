import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { TemplatesSettingsPage } from "./pages/templates-settings-page";

test("an admin syncs the sandbox's templates, submits a new one and watches it go from pending to approved", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("admin");
  const templates = new TemplatesSettingsPage(page);
  await templates.goto();

  await templates.sync();
  await expect(page.getByText(/plantillas sincronizadas/)).toBeVisible();
  await expect(templates.row("order_shipped")).toHaveCount(3);
  await expect(templates.row("summer_sale", "pt_BR")).toContainText("Marketing");
  await expect(templates.row("order_shipped", "es")).toContainText("Hola {{1}}, tu pedido {{2}} salió hoy");
  await expect(templates.status("appointment_reminder").first()).toHaveText("Aprobada");
  await page.screenshot({ path: testInfo.outputPath("templates-synced.png") });

  const name = `aviso_turno_${Date.now().toString(36)}`;
  const dialog = await templates.openCreate();
  await dialog.getByLabel("Nombre", { exact: true }).fill("Aviso Turno");
  await expect(dialog.getByText("Minúsculas, dígitos y guiones bajos")).toHaveClass(/text-destructive/);
  await dialog.getByLabel("Nombre", { exact: true }).fill(name);
  await dialog.getByLabel("Cuerpo", { exact: true }).fill("Hola {{1}}, tu turno es el {{2}}. Responde para confirmar.");
  await dialog.getByLabel("Ejemplo para {{1}}").fill("Ana");
  await dialog.getByLabel("Ejemplo para {{2}}").fill("lunes 14:00");
  await dialog.getByLabel("Pie", { exact: true }).fill("Clínica Aurora");
  await dialog.getByRole("button", { name: "Respuesta rápida" }).click();
  await dialog.getByLabel("Texto del botón").fill("Confirmo");
  // The preview shows the examples where the customer will see the values.
  await expect(dialog.getByTestId("template-preview")).toContainText("Hola Ana, tu turno es el lunes 14:00.");
  await expect(dialog.getByTestId("template-preview")).toContainText("Confirmo");
  await page.screenshot({ path: testInfo.outputPath("templates-create.png") });
  await dialog.getByRole("button", { name: "Guardar" }).click();

  await expect(page.getByText(`${name} enviada a revisión`)).toBeVisible();
  await expect(templates.status(name)).toHaveText("Pendiente");
  await page.screenshot({ path: testInfo.outputPath("templates-pending.png") });
  // The sandbox's review approves it after a few seconds; its status webhook updates the page live.
  await expect(templates.status(name)).toHaveText("Aprobada", { timeout: 30_000 });
  await templates.row(name).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("templates-approved.png") });
});
