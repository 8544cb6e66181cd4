import { expect, test, type Browser, type Page } from "@playwright/test";
import { DeskPage } from "./pages/desk-page";
import { LoginPage } from "./pages/login-page";
import { SimulatorPage } from "./pages/simulator-page";

async function signedInPage(browser: Browser, role: "admin" | "agent" | "agent2" | "editor"): Promise<Page> {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(role);
  return page;
}

test("two agents share one number: live queue, atomic claim, reply, note, transfer, resolve, and a returning customer quoting the protocol", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // An admin registers a canned response the agents will use with /shortcut.
  const admin = await signedInPage(browser, "admin");
  const shortcut = `hola${Date.now() % 100000}`;
  const created = await admin.request.post("/api/desk/canned-responses", { data: { shortcut, text: "¡Hola {{contact.name}}! Soy {{agent.name}}, de Tienda Aurora. ¿En qué te ayudo?" } });
  expect(created.status()).toBe(201);
  await admin.context().close();

  // Alicia and Bruno (both in "soporte") open the desk; the customer is played in the simulator.
  const alicia = new DeskPage(await signedInPage(browser, "agent"));
  const bruno = new DeskPage(await signedInPage(browser, "agent2"));
  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await alicia.open();
  await bruno.open();
  await alicia.showTab("waiting");
  await bruno.showTab("waiting");

  await customer.open();
  await customer.startNewCustomer();
  await customer.send("hola");
  await expect(customer.replyButton("Hablar con asesor")).toBeVisible({ timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const handoff = customer.businessMessages().filter({ hasText: /protocolo es \d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;

  // Both see it arrive, live, with its place in the queue.
  await expect(alicia.item(protocol)).toBeVisible();
  await expect(bruno.item(protocol)).toBeVisible();
  await expect(bruno.item(protocol)).toContainText(/1\.º en la cola/);
  await shot(bruno.page, "01-bruno-sees-new-conversation");

  // Both open it; Alicia claims it; Bruno sees it taken, without reloading.
  await bruno.openConversation(protocol);
  await alicia.openConversation(protocol);
  await expect(alicia.transcript).toContainText("Hablar con asesor");
  await alicia.claim();
  await expect(bruno.conversation.getByTestId("conversation-assignee")).toContainText("Alicia Agente");
  await expect(bruno.conversation.getByTestId("claim")).toHaveCount(0);
  await expect(bruno.item(protocol)).toHaveCount(0);
  await shot(bruno.page, "02-bruno-sees-it-taken");

  // The agent replies; the customer gets it on WhatsApp (the simulator).
  await alicia.showTab("mine");
  await alicia.page.getByTestId("mode-reply").click();
  await alicia.composer.fill(`/${shortcut.slice(0, 5)}`);
  await expect(alicia.page.getByTestId("canned-suggestions")).toContainText(`/${shortcut}`);
  await alicia.composer.press("Enter");
  await expect(alicia.composer).toHaveValue(/^¡Hola .+! Soy Alicia Agente, de Tienda Aurora\. ¿En qué te ayudo\?$/);
  await alicia.composer.press("Enter");
  await expect(alicia.transcript.getByTestId("message-outbound").filter({ hasText: "Soy Alicia Agente, de Tienda Aurora" })).toBeVisible();
  await expect(customer.businessMessages().filter({ hasText: "Soy Alicia Agente, de Tienda Aurora" })).toBeVisible({ timeout: 20_000 });
  await customer.send("Quiero cambiar la talla de una zapatilla");
  await expect(alicia.transcript.getByTestId("message-inbound").filter({ hasText: "cambiar la talla" })).toBeVisible();
  await expect(alicia.transcript.getByTestId("delivery-tick").first()).toBeVisible();

  // An internal note stays inside the team.
  await alicia.note("Cliente frecuente: ofrecer envío gratis para el cambio");
  await shot(alicia.page, "03-alicia-conversation-with-note");

  // Transfer to Bruno with a note; it shows up in Bruno's "Mine".
  await alicia.transferToAgent("Bruno Agente", "Bruno, te la paso: cambio de talla, ya ofrecí envío gratis");
  await bruno.showTab("mine");
  await expect(bruno.item(protocol)).toBeVisible();
  await bruno.openConversation(protocol);
  await expect(bruno.transcript.getByTestId("message-note").filter({ hasText: "te la paso" })).toBeVisible();
  await expect(bruno.transcript.getByTestId("message-note").filter({ hasText: "envío gratis para el cambio" })).toBeVisible();
  await shot(bruno.page, "04-bruno-after-transfer");

  // Bruno resolves with a closing message carrying the protocol.
  await bruno.reply("Listo, el cambio quedó registrado.");
  await bruno.resolve("¡Gracias por escribirnos! Tu protocolo es {{protocol}}.");
  await expect(customer.businessMessages().filter({ hasText: `Tu protocolo es ${protocol}.` }).last()).toBeVisible({ timeout: 20_000 });
  await expect(customer.log).not.toContainText("envío gratis para el cambio");
  await shot(customer.page, "05-customer-sees-closing-message");

  // The customer comes back quoting the protocol: a new bot conversation, then a human again.
  await customer.send(`Hola de nuevo, mi protocolo es ${protocol}`);
  await expect(customer.log.getByTestId("reply-button").filter({ hasText: "Hablar con asesor" })).toHaveCount(2, { timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const second = customer.businessMessages().filter({ hasText: /protocolo es \d{8}-\d{6}/ }).last();
  await expect(second).not.toContainText(protocol, { timeout: 20_000 });
  const newProtocol = /(\d{8}-\d{6})/.exec((await second.textContent()) ?? "")![1]!;
  expect(newProtocol).not.toBe(protocol);

  await alicia.showTab("waiting");
  await expect(alicia.item(newProtocol)).toBeVisible();
  await alicia.openConversation(newProtocol);
  await alicia.claim();
  const linked = alicia.contactCard.getByTestId("linked-conversation");
  await expect(linked).toContainText(protocol);
  await expect(linked).toContainText("Soy Alicia Agente, de Tienda Aurora");
  await expect(linked).toContainText("el cambio quedó registrado");
  await expect(alicia.contactCard.getByTestId("contact-history")).toContainText(protocol);
  await shot(alicia.page, "06-new-agent-sees-old-transcript");

  for (const page of [alicia.page, bruno.page, customer.page]) await page.context().close();
});

test("admins run the desk's settings, search protocols and watch the metrics", async ({ page }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await new LoginPage(page).signInAs("admin");

  await page.goto("/settings/queues");
  await expect(page.getByTestId("queue-row-soporte")).toContainText("Alicia Agente");
  await page.getByRole("button", { name: /Editar cola: Ventas/ }).click();
  await page.getByRole("combobox", { name: "Asignación" }).click();
  await page.getByRole("option", { name: /Automática/ }).click();
  await page.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByTestId("queue-row-ventas")).toContainText("Automática");
  await shot("10-settings-queues");

  await page.goto("/settings/templates");
  const name = `aviso_${Date.now() % 100000}`;
  await page.getByRole("button", { name: "Nueva plantilla" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nombre", { exact: true }).fill(name);
  await dialog.getByLabel("Cuerpo", { exact: true }).fill("Hola {{1}}, seguimos tu caso {{2}}.");
  await dialog.getByLabel("Ejemplo para {{1}}").fill("Ana");
  await dialog.getByLabel("Ejemplo para {{2}}").fill("48213");
  await dialog.getByRole("button", { name: "Guardar" }).click();
  await expect(page.locator(`[data-testid="template-row"][data-name="${name}"]`)).toContainText(/Pendiente|Aprobada/);
  await shot("11-settings-templates");

  await page.goto("/settings/business-hours");
  const addHoliday = page.getByRole("button", { name: "Añadir feriado" });
  // A date typed before React hydrated the form never reaches its state: type it until it does.
  await expect(async () => {
    await page.getByLabel("Fecha del feriado").fill("2030-12-25");
    await expect(addHoliday).toBeEnabled({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await addHoliday.click();
  await page.getByLabel("Mensaje fuera de horario").fill("Gracias por escribirnos: atendemos de lunes a viernes de 9 a 18 h.");
  await page.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByText("Guardado")).toBeVisible();
  await page.reload();
  await expect(page.getByText("2030-12-25")).toBeVisible();
  await shot("12-settings-business-hours");

  await page.goto("/settings/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await shot("13-settings-audit");

  await page.goto("/protocols");
  await expect(page.getByTestId("protocol-search")).toBeVisible();
  await shot("14-protocols");
  const first = page.getByTestId("protocol-row").first();
  if (await first.count()) {
    await first.getByRole("link").click();
    await expect(page.getByTestId("transcript")).toBeVisible();
    await shot("14b-protocol-transcript");
  }

  await page.goto("/desk");
  await page.getByRole("button", { name: "Métricas" }).click();
  await expect(page.getByTestId("metrics-panel")).toContainText("Soporte");
  await shot("15-desk-metrics");
});
