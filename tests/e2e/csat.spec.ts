import { expect, test, type Page } from "@playwright/test";
import { DeskPage } from "./pages/desk-page";
import { LoginPage } from "./pages/login-page";
import { SatisfactionPage } from "./pages/satisfaction-page";
import { SimulatorPage } from "./pages/simulator-page";
import { signedInPage } from "./pages/signed-in-page";

test("an admin turns the survey on, an agent resolves, the customer taps a face and comments in the simulator, and the result shows", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // The admin asks "Soporte" customers for three faces and a comment.
  const admin = await signedInPage(browser, "admin");
  await admin.goto("/settings/queues");
  await admin.getByRole("button", { name: /Editar cola: Soporte/ }).click();
  const dialog = admin.getByRole("dialog");
  const csat = dialog.getByTestId("queue-csat");
  await csat.getByRole("switch").click();
  await csat.getByRole("checkbox").click();
  await expect(csat.getByLabel("Pregunta", { exact: true })).toHaveAttribute("placeholder", /¿Cómo calificarías la atención que recibiste\?/);
  await shot(admin, "01-queue-survey-settings");
  await dialog.getByRole("button", { name: "Guardar" }).click();
  await expect(admin.getByTestId("queue-row-soporte")).toContainText("Encuesta activa");

  // The customer reaches a person; Alicia takes the conversation and resolves it.
  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  const alicia = new DeskPage(await signedInPage(browser, "agent"));
  await customer.open();
  await customer.startNewCustomer();
  await customer.send("hola");
  await expect(customer.replyButton("Hablar con asesor")).toBeVisible({ timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const handoff = customer.businessMessages().filter({ hasText: /protocolo es \d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;
  await alicia.open();
  await alicia.showTab("waiting");
  await alicia.openConversation(protocol);
  await alicia.claim();
  await alicia.resolve();

  // WhatsApp shows the survey's reply buttons; the customer taps the happy face and comments.
  await expect(customer.businessMessages().filter({ hasText: "¿Cómo calificarías la atención que recibiste?" })).toBeVisible({ timeout: 20_000 });
  await expect(customer.replyButton("😀 Buena")).toBeVisible();
  await shot(customer.page, "02-customer-sees-survey-buttons");
  await customer.tapButton("😀 Buena");
  await expect(customer.businessMessages().filter({ hasText: "¿Quieres agregar algo?" })).toBeVisible({ timeout: 20_000 });
  await customer.send("Alicia fue muy amable");
  await expect(customer.businessMessages().filter({ hasText: "¡Gracias por tu respuesta!" })).toBeVisible({ timeout: 20_000 });
  await shot(customer.page, "03-customer-answered");

  // The admin reads it on the Satisfaction page.
  const figures = new SatisfactionPage(admin);
  await figures.open();
  await expect(figures.stat("average")).toContainText("5,00 de 5");
  await expect(figures.stat("answered")).toContainText("1 de 1 encuestas");
  await expect(figures.stat("satisfied")).toContainText("100");
  await expect(figures.agents).toContainText("Alicia Agente");
  await expect(figures.comments).toContainText("Alicia fue muy amable");
  await expect(figures.comments).toContainText(protocol);
  await expect(admin.getByTestId("csat-over-time").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await shot(admin, "04-satisfaction-admin");
  await figures.comments.scrollIntoViewIfNeeded();
  await shot(admin, "04b-satisfaction-admin-tables-and-comments");
  const csv = await admin.request.get("/api/analytics/satisfaction?format=csv&table=comments");
  expect(await csv.text()).toContain("Alicia fue muy amable");

  // Alicia sees her own figures.
  const own = new SatisfactionPage(alicia.page);
  await own.open();
  await expect(own.stat("average")).toContainText("5,00 de 5");
  await shot(alicia.page, "05-satisfaction-agent");

  // Leave the demo data as the other specs expect it: no survey on Soporte.
  const queues = await admin.request.get("/api/desk/queues");
  const soporte = ((await queues.json()) as { queues: { id: string; slug: string }[] }).queues.find((q) => q.slug === "soporte")!;
  expect((await admin.request.patch(`/api/desk/queues/${soporte.id}`, { data: { csat: { enabled: false, scale: "faces", comment: false } } })).status()).toBe(200);
  for (const page of [admin, alicia.page, customer.page]) await page.context().close();
});

test("the Satisfaction page explains itself when there is nothing yet", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("agent");
  await page.goto("/analytics/satisfaction?");
  const figures = new SatisfactionPage(page);
  await figures.open();
  // An agent with no surveys in a range long past: the empty state tells what to expect.
  await page.getByRole("button", { name: "Personalizado" }).click();
  await page.getByLabel("Desde").fill("2025-01-01");
  await page.getByLabel("Hasta").fill("2025-01-31");
  await page.getByRole("button", { name: "Aplicar" }).click();
  await expect(page.getByTestId("csat-empty")).toContainText("No hay encuestas en este período");
  await page.screenshot({ path: testInfo.outputPath("06-satisfaction-empty.png") });
});
