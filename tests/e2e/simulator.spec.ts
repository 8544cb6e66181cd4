import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { SimulatorPage } from "./pages/simulator-page";

test("an agent chats with the demo flow in the simulator, from hello to a human with a protocol", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("agent");
  const simulator = new SimulatorPage(page);
  await simulator.open();
  await simulator.startNewCustomer();

  await simulator.send("hola");
  // The webhook accepted it (✓), then the app marked it read (blue ✓✓).
  await expect(simulator.lastCustomerTicks()).toHaveAttribute("data-status", /sent|read/);
  for (const title of ["Mis pedidos", "Horarios y tiendas", "Hablar con asesor"]) {
    await expect(simulator.replyButton(title)).toBeVisible({ timeout: 20_000 });
  }
  await expect(simulator.lastCustomerTicks()).toHaveAttribute("data-status", "read");
  await page.screenshot({ path: testInfo.outputPath("simulator-welcome.png") });

  await simulator.tapButton("Mis pedidos");
  await expect(simulator.customerMessages().last()).toContainText("Mis pedidos");
  await simulator.openList("Ver temas");
  await page.screenshot({ path: testInfo.outputPath("simulator-list-picker.png") });
  await simulator.pickListRow("Estado de mi pedido");
  await expect(simulator.customerMessages().last()).toContainText("Estado de mi pedido");
  await expect(simulator.businessMessages().last()).toContainText("número de pedido");

  await simulator.send("48213");
  const handoff = simulator.businessMessages().filter({ hasText: /\d{8}-\d{6}/ });
  await expect(handoff.last()).toBeVisible({ timeout: 20_000 });
  await expect(simulator.businessMessages().filter({ hasText: "48213" }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("simulator-handoff.png"), fullPage: true });
});

test("several simulated customers keep their own conversations across a reload", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("admin");
  const simulator = new SimulatorPage(page);
  await simulator.open();
  const first = await simulator.startNewCustomer();
  await simulator.send("hola");
  await expect(simulator.replyButton("Mis pedidos")).toBeVisible({ timeout: 20_000 });

  const second = await simulator.startNewCustomer();
  expect(second).not.toBe(first);
  await expect(simulator.customerMessages()).toHaveCount(0);
  await simulator.send("menu");

  await page.reload();
  await expect(page).toHaveURL(new RegExp(`phone=${second}`));
  await expect(simulator.customerMessages().first()).toContainText("menu");
  await page.locator(`[data-testid="customer-item"][data-phone="${first}"]`).click();
  await expect(page).toHaveURL(new RegExp(`phone=${first}`));
  await expect(simulator.customerMessages().first()).toContainText("hola");
  await expect(simulator.replyButton("Mis pedidos")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("simulator-two-customers.png") });
});
