import { expect, test, type Page } from "@playwright/test";
import { DeskPage } from "./pages/desk-page";
import { EditorPage } from "./pages/editor-page";
import { FlowsPage } from "./pages/flows-page";
import { signedInPage } from "./pages/signed-in-page";
import { SimulatorPage } from "./pages/simulator-page";

test("an agent writes first from the desk with a template; the simulated customer receives it and replies into the desk", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // An admin syncs the sandbox channel's templates (the sandbox WABA starts with approved ones).
  const admin = await signedInPage(browser, "admin");
  const { channels } = (await (await admin.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  const sandbox = channels.find((c) => c.sandbox)!;
  expect((await admin.request.post(`/api/channels/${sandbox.id}/templates/sync`, { data: {} })).status()).toBe(200);
  await admin.context().close();

  const alicia = new DeskPage(await signedInPage(browser, "agent"));
  await alicia.open();
  const waId = `5511${String(Date.now()).slice(-9)}`;

  await alicia.page.getByTestId("new-conversation").click();
  const dialog = alicia.page.getByRole("dialog");
  await dialog.getByLabel(/teléfono/i).fill(`+${waId}`);
  await dialog.getByTestId("outreach-template").click();
  await alicia.page.getByRole("option", { name: /appointment_reminder · es/ }).click();
  const variables = dialog.getByTestId("outreach-variables").getByRole("textbox");
  await expect(variables).toHaveCount(3);
  await variables.nth(0).fill("Ana");
  await variables.nth(1).fill("12/12");
  await variables.nth(2).fill("15:30");
  await expect(dialog.getByTestId("outreach-preview")).toContainText("Hola Ana, te recordamos tu cita el 12/12 a las 15:30.");
  await shot(alicia.page, "01-new-conversation-dialog");
  await dialog.getByTestId("outreach-send").click();
  await expect(dialog).toBeHidden();

  // The conversation is Alicia's, with a protocol and the template in the transcript.
  await expect(alicia.conversation).toHaveAttribute("data-status", "assigned");
  const protocol = (await alicia.conversation.getAttribute("data-protocol"))!;
  expect(protocol).toMatch(/^\d{8}-\d{6}$/);
  await expect(alicia.item(protocol)).toBeVisible();
  await expect(alicia.transcript.getByTestId("message-outbound").filter({ hasText: "te recordamos tu cita el 12/12" })).toBeVisible();

  // The customer gets it on WhatsApp (the simulator) and answers.
  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.page.goto(`/simulator?phone=${waId}`);
  await expect(customer.businessMessages().filter({ hasText: "te recordamos tu cita el 12/12 a las 15:30" })).toBeVisible({ timeout: 20_000 });
  await shot(customer.page, "02-customer-receives-template");
  await customer.send("Confirmo, allí estaré");

  // The reply lands in Alicia's conversation, live.
  await expect(alicia.transcript.getByTestId("message-inbound").filter({ hasText: "Confirmo, allí estaré" })).toBeVisible({ timeout: 20_000 });
  await expect(alicia.conversation).toHaveAttribute("data-protocol", protocol);
  await alicia.reply("¡Perfecto, Ana! Te esperamos.");
  await expect(customer.businessMessages().filter({ hasText: "Te esperamos" })).toBeVisible({ timeout: 20_000 });
  const consent = alicia.contactCard.getByTestId("marketing-consent");
  await expect(consent).toHaveAttribute("data-opted-out", "false");
  await shot(alicia.page, "03-reply-in-the-desk");

  // The customer asks Alicia to stop the offers: she switches marketing off in the contact card.
  await consent.getByRole("switch").click();
  await expect(consent).toHaveAttribute("data-opted-out", "true");
  await expect(alicia.page.getByText("El cliente no recibirá mensajes de marketing")).toBeVisible();
  await expect(consent).toContainText("por un agente");
  await shot(alicia.page, "04-marketing-off-in-contact-card");

  // Writing first again to the same customer opens the conversation that is open.
  await alicia.page.getByTestId("new-conversation").click();
  await dialog.getByLabel(/teléfono/i).fill(`+${waId}`);
  await dialog.getByTestId("outreach-template").click();
  await alicia.page.getByRole("option", { name: /appointment_reminder · es/ }).click();
  for (const [i, v] of ["Ana", "13/12", "10:00"].entries()) await variables.nth(i).fill(v);
  await dialog.getByTestId("outreach-send").click();
  await expect(alicia.page.getByText(new RegExp(`ya tiene una conversación abierta \\(${protocol}\\)`))).toBeVisible();
  await expect(alicia.conversation).toHaveAttribute("data-protocol", protocol);
});

test("an admin sets the opt-out keywords and confirmation; a customer who writes one is opted out and told so", async ({ browser }, testInfo) => {
  const admin = await signedInPage(browser, "admin");
  await admin.goto("/settings/opt-out");
  const form = admin.getByTestId("opt-out-settings");
  await expect(form.getByLabel("Palabras para darse de baja")).toHaveAttribute("placeholder", /baja, stop/);
  await form.getByLabel("Palabras para darse de baja").fill("baja, stop, no quiero ofertas");
  await form.getByLabel("Confirmación de baja").fill("Listo, {{contact.name}}: no te enviaremos más mensajes promocionales.");
  await form.getByRole("button", { name: "Guardar" }).click();
  await expect(admin.getByText("Guardado")).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath("05-opt-out-settings.png") });
  await admin.context().close();

  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.open();
  await customer.startNewCustomer();
  await customer.send("BAJA");
  await expect(customer.businessMessages().filter({ hasText: "no te enviaremos más mensajes promocionales" })).toBeVisible({ timeout: 20_000 });
  await customer.page.screenshot({ path: testInfo.outputPath("06-customer-opted-out.png") });
});

test("an editor adds a WhatsApp template step: picks an approved template and fills its variables with flow values", async ({ browser }, testInfo) => {
  const admin = await signedInPage(browser, "admin");
  const { channels } = (await (await admin.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  expect((await admin.request.post(`/api/channels/${channels.find((c) => c.sandbox)!.id}/templates/sync`, { data: {} })).status()).toBe(200);
  await admin.context().close();

  const page = await signedInPage(browser, "editor");
  const flows = new FlowsPage(page);
  await flows.open();
  await flows.create(`Avisos ${Date.now().toString(36)}`, "blank");
  const editor = new EditorPage(page);
  await editor.dragFromPalette("template", { x: 300, y: 300 });
  const step = editor.node("template");
  await editor.select(step);
  await editor.inspector.getByLabel("Plantilla", { exact: true }).click();
  await page.getByRole("option", { name: /order_shipped · es · utility/ }).click();
  await editor.field("Encabezado {{1}}").fill("{{pedido}}");
  await editor.field("{{1}}").fill("{{contact.name}}");
  await editor.field("{{2}}").fill("{{pedido}}");
  await editor.field("{{3}}").fill("mañana");
  await editor.field("Botón «Seguir envío» (final del enlace)").fill("{{pedido}}");
  await expect(step).toContainText("order_shipped · es");
  await expect(step).toContainText("salió hoy y llegará el mañana");
  await expect(step.locator('[data-handle-row="skipped"]')).toContainText("No enviada");
  await editor.waitSaved();
  await page.screenshot({ path: testInfo.outputPath("07-editor-template-step.png") });
});
