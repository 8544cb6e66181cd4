import { randomInt } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { DeskPage } from "./pages/desk-page";
import { signedInPage } from "./pages/signed-in-page";

const PROMO_IMAGE = "https://images.unsplash.com/photo-1483985988355-763728e1935b?w=800";

/** A simulated customer writes to the sandbox number (the simulator's own endpoint). */
async function customerWrites(page: Page, phone: string, name: string, text: string) {
  const res = await page.request.post("/api/sandbox/send", { data: { phone, name, message: { type: "text", text } } });
  expect(res.status()).toBe(200);
}

/** Creates a campaign of `summer_sale` (MARKETING, es) through the form: CSV upload, mapping, preview, confirm. */
async function runCampaign(
  page: Page,
  name: string,
  csv: string,
  expected: { rows: number; valid: number; invalid?: number; screenshot?: string },
  replies?: string,
) {
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Nueva campaña" }).click();
  await page.getByLabel("Nombre de la campaña").fill(name);
  await page.getByLabel("Plantilla aprobada").selectOption({ label: "summer_sale · es" });
  await page.getByLabel("Elegir un archivo CSV").setInputFiles({ name: "clientes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText(`clientes.csv: ${expected.rows} filas`)).toBeVisible();
  // header.image: the promo picture (fixed); body.1: the name column; body.2: a fixed code.
  await page.getByLabel("Encabezado (imagen): Variables de la plantilla").selectOption("text");
  await page.getByLabel("Encabezado (imagen): Texto fijo").fill(PROMO_IMAGE);
  await page.getByLabel("Cuerpo {{1}}: Columna del CSV").selectOption("name");
  await page.getByLabel("Cuerpo {{2}}: Variables de la plantilla").selectOption("text");
  await page.getByLabel("Cuerpo {{2}}: Texto fijo").fill("VERANO20");
  if (replies) {
    await page.getByLabel("Las respuestas van a").selectOption({ label: replies });
    if (expected.screenshot) await page.screenshot({ path: expected.screenshot, fullPage: true });
  }
  await page.getByRole("button", { name: "Revisar la lista" }).click();
  await expect(page.getByTestId("preview-valid")).toHaveText(`${expected.valid} destinatarios listos`);
  if (expected.invalid) {
    // A bad row is shown with its line and reason; nothing is sent until it is fixed or left out.
    await expect(page.getByTestId("preview-invalid")).toHaveText(`${expected.invalid} fila con errores`);
    await expect(page.getByRole("row", { name: /No es un teléfono en E\.164/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirmar y enviar" })).toBeDisabled();
    if (expected.screenshot) {
      await page.getByRole("region", { name: "Revisa antes de enviar" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: expected.screenshot });
    }
    await page.getByRole("checkbox").check();
  }
  await page.getByRole("button", { name: "Confirmar y enviar" }).click();
  await expect(page.getByText("Campaña creada")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

function total(page: Page, key: string) {
  return page.getByTestId("campaign-totals").locator(`[data-total="${key}"] .text-xl`);
}

test("an admin runs a small campaign in the sandbox and watches it reach delivered; a customer who wrote \"sair\" is skipped by the next", async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, "admin");
  // Three simulated customers of the sandbox number.
  const base = 5511_9000_0000 + randomInt(0, 9_000_000) * 10;
  const customers = [
    { phone: String(base + 1), name: "Bruna Lima" },
    { phone: String(base + 2), name: "Carlos Souza" },
    { phone: String(base + 3), name: "Diana Reis" },
  ];
  for (const c of customers) await customerWrites(page, c.phone, c.name, "hola");

  // The sandbox WABA's templates, synced as an admin does in Settings → Templates.
  const channels = (await (await page.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  const sandbox = channels.channels.find((c) => c.sandbox)!;
  expect((await page.request.post(`/api/channels/${sandbox.id}/templates/sync`, { data: {} })).status()).toBe(200);

  const csv = ["phone,name", ...customers.map((c) => `+${c.phone},${c.name}`)].join("\n");
  const preview = testInfo.outputPath("campaign-preview-errors.png");
  await runCampaign(page, "Verano e2e", `${csv}\n11 9999-0000,Sin prefijo`, { rows: 4, valid: 3, invalid: 1, screenshot: preview });
  await testInfo.attach("campaign-preview-errors", { path: preview, contentType: "image/png" });
  // The progress view fills in live (SSE) until every customer has it delivered.
  await expect(total(page, "delivered")).toHaveText("3", { timeout: 30_000 });
  await expect(total(page, "failed")).toHaveText("0");
  await expect(page.locator('[data-status="delivered"], [data-status="read"]')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath("campaign-delivered.png") });
  await testInfo.attach("campaign-delivered", { path: testInfo.outputPath("campaign-delivered.png"), contentType: "image/png" });

  // The simulated customers received it (the sandbox's fake Graph API).
  const received = await page.request.get(`/api/sandbox/conversations?phone=${customers[0]!.phone}`);
  expect(JSON.stringify(await received.json())).toContain("VERANO20");

  // One of them writes "sair" (a keyword the admin added to the Spanish defaults, for Brazilian
  // customers): opted out of marketing, confirmed. The next campaign skips them, saying so.
  const keywords = await page.request.put("/api/opt-out/settings", { data: { optOut: ["baja", "stop", "sair"] } });
  expect(keywords.status()).toBe(200);
  await customerWrites(page, customers[1]!.phone, customers[1]!.name, "sair");
  await expect
    .poll(async () => JSON.stringify(await (await page.request.get(`/api/sandbox/conversations?phone=${customers[1]!.phone}`)).json()), { timeout: 15_000 })
    .toContain("no te enviaremos más mensajes promocionales");
  await runCampaign(page, "Verano e2e 2", csv, { rows: 3, valid: 3 });
  await expect(total(page, "delivered")).toHaveText("2", { timeout: 30_000 });
  await expect(total(page, "skipped")).toHaveText("1");
  const skipped = page.locator(`[data-phone="+${customers[1]!.phone}"]`);
  await expect(skipped).toHaveAttribute("data-status", "skipped");
  await expect(skipped).toContainText("Se dio de baja de los mensajes de marketing");
  await page.screenshot({ path: testInfo.outputPath("campaign-opted-out-skipped.png") });
  await testInfo.attach("campaign-opted-out-skipped", { path: testInfo.outputPath("campaign-opted-out-skipped.png"), contentType: "image/png" });

  // The list shows both with their totals.
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "Verano e2e 2" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("campaigns-list.png") });
  await testInfo.attach("campaigns-list", { path: testInfo.outputPath("campaigns-list.png"), contentType: "image/png" });
});

test("replies to a campaign that sends them to a queue wait there for an agent, and the progress view opens them", async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, "admin");
  const base = 5511_9100_0000 + randomInt(0, 9_000_000) * 10;
  const customer = { phone: String(base + 1), name: "Elisa Prado" };
  const quiet = { phone: String(base + 2), name: "Fábio Rocha" };
  const channels = (await (await page.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  const sandbox = channels.channels.find((c) => c.sandbox)!;
  expect((await page.request.post(`/api/channels/${sandbox.id}/templates/sync`, { data: {} })).status()).toBe(200);

  const csv = ["phone,name", `+${customer.phone},${customer.name}`, `+${quiet.phone},${quiet.name}`].join("\n");
  const form = testInfo.outputPath("campaign-form-replies.png");
  await runCampaign(page, "Verano con respuestas", csv, { rows: 2, valid: 2, screenshot: form }, "Ventas");
  await testInfo.attach("campaign-form-replies", { path: form, contentType: "image/png" });
  await expect(page.getByTestId("campaign-reply-route")).toHaveText("Las respuestas esperan en la cola Ventas");
  await expect(total(page, "delivered")).toHaveText("2", { timeout: 30_000 });

  // One customer answers the promotion: told their protocol, waiting for a person in Ventas.
  await customerWrites(page, customer.phone, customer.name, "¡Lo quiero! ¿Hay talla M?");
  await expect
    .poll(async () => JSON.stringify(await (await page.request.get(`/api/sandbox/conversations?phone=${customer.phone}`)).json()), { timeout: 15_000 })
    .toMatch(/Tu protocolo es \d{8}-\d{6}/);
  await expect(total(page, "replied")).toHaveText("1", { timeout: 15_000 });
  const row = page.locator(`[data-phone="+${customer.phone}"]`);
  await page.screenshot({ path: testInfo.outputPath("campaign-replied.png") });
  await testInfo.attach("campaign-replied", { path: testInfo.outputPath("campaign-replied.png"), contentType: "image/png" });
  await row.getByRole("link", { name: "Abrir la respuesta" }).click();

  const desk = new DeskPage(page);
  await expect(desk.conversation).toHaveAttribute("data-status", "queued");
  await expect(desk.transcript).toContainText("¡Lo quiero! ¿Hay talla M?");
  await expect(desk.transcript.getByTestId("message-system")).toContainText("Respuesta a la campaña «Verano con respuestas»");
  await page.screenshot({ path: testInfo.outputPath("campaign-reply-in-desk.png") });
  await testInfo.attach("campaign-reply-in-desk", { path: testInfo.outputPath("campaign-reply-in-desk.png"), contentType: "image/png" });
});
