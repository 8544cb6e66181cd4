import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { EditorPage } from "./pages/editor-page";
import { SimulatorPage } from "./pages/simulator-page";
import { signedInPage } from "./pages/signed-in-page";

// The media library: an editor uploads a picture once from the message step's inspector, sees it
// on the canvas and in the preview, publishes, and the simulated customer receives the picture
// (uploaded to the sandbox's Graph media endpoint and sent by id, as with Meta).

/** A small catalogue picture, different on every run (the library keeps one item per file). */
async function catalogue(): Promise<Buffer> {
  const width = 480;
  const height = 320;
  const seed = Date.now() % 200;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = 30 + ((x + seed) % 200);
      pixels[i + 1] = 120;
      pixels[i + 2] = 80 + Math.round((y / height) * 150);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const TEXT = "Mira nuestro catálogo de verano";

function document() {
  return {
    schemaVersion: 1,
    settings: {},
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "catalogue", type: "message", position: { x: 0, y: 140 }, data: { label: "Catálogo", text: TEXT } },
      { id: "bye", type: "end", position: { x: 0, y: 320 }, data: { text: "¡Gracias por escribirnos!" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "catalogue" },
      { id: "e2", source: "catalogue", target: "bye" },
    ],
  };
}

test("an editor uploads a picture to the library from a message step; the preview and the simulated customer show it", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  const editorPage = await signedInPage(browser, "editor");
  const created = await editorPage.request.post("/api/flows", { data: { name: `Biblioteca e2e ${Date.now()}`, document: document() } });
  expect(created.status()).toBe(201);
  const flowId = ((await created.json()) as { flow: { id: string } }).flow.id;
  const editor = new EditorPage(editorPage);
  await editor.open(flowId);
  const card = editor.node("message");
  await editor.select(card);

  // ---- attach a picture: the kind, then the library (the default source), then upload
  await editor.inspector.locator('[data-field="data.media.kind"]').click();
  await editorPage.getByRole("option", { name: "Imagen" }).click();
  await expect(editor.inspector.getByRole("radio", { name: "Biblioteca" })).toHaveAttribute("aria-checked", "true");
  await expect(editor.inspector.locator('[data-field-feedback="data.media.libraryId"]')).toContainText("Elige un archivo de la biblioteca");
  await editor.inspector.getByRole("button", { name: "Elegir…" }).click();
  const picker = editorPage.getByTestId("library-picker");
  await expect(picker).toBeVisible();
  await picker.getByTestId("library-upload-input").setInputFiles({ name: "catalogo-verano.png", mimeType: "image/png", buffer: await catalogue() });
  await expect(editorPage.getByText("«catalogo-verano.png» se agregó a la biblioteca")).toBeVisible();
  await expect(picker).toBeHidden();
  await expect(editor.inspector.getByTestId("chosen-file")).toHaveText("catalogo-verano.png");
  await expect(editor.inspector.locator('[data-field-feedback="data.media.libraryId"]')).toHaveCount(0);
  await expect(card.getByTestId("media-chip")).toContainText("catalogo-verano.png");
  await shot(editorPage, "01-editor-library-file-chosen");

  // ---- the picker lists it, with its thumbnail
  await editor.inspector.getByRole("button", { name: "Cambiar…" }).click();
  const item = picker.getByTestId("library-item").filter({ hasText: "catalogo-verano.png" });
  await expect(item).toBeVisible();
  await expect(item.locator("img")).toHaveJSProperty("complete", true);
  expect(await item.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await shot(editorPage, "02-library-picker");
  await editorPage.keyboard.press("Escape");

  // ---- the preview shows the library's picture
  await editor.waitSaved();
  await editor.openTab("preview");
  await editor.say("hola");
  const previewImage = editorPage.getByTestId("preview-panel").getByTestId("bubble-image").locator("img");
  await expect(previewImage).toBeVisible({ timeout: 15_000 });
  await expect(previewImage).toHaveJSProperty("complete", true);
  expect(await previewImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await shot(editorPage, "03-preview-shows-the-picture");

  // ---- published on the sandbox number, a customer receives it as WhatsApp shows it
  const { channels } = (await (await editorPage.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean; isDefault: boolean; flow: { id: string } | null }[] };
  const sandbox = channels.find((c) => c.sandbox && c.isDefault) ?? channels.find((c) => c.sandbox)!;
  const previousFlow = sandbox.flow?.id ?? null;
  try {
    const published = await editorPage.request.post(`/api/flows/${flowId}/publish`, { data: { note: "Catálogo con foto" } });
    expect(published.ok()).toBe(true);
    expect((await editorPage.request.put(`/api/channels/${sandbox.id}`, { data: { flowId } })).ok()).toBe(true);

    const customer = new SimulatorPage(await signedInPage(browser, "editor"));
    await customer.open();
    await customer.startNewCustomer();
    await customer.send("hola");
    await expect(customer.businessMessages().filter({ hasText: TEXT }).last()).toBeVisible({ timeout: 20_000 });
    const received = customer.businessMessages().getByTestId("bubble-image").locator("img").last();
    await expect(received).toBeVisible({ timeout: 20_000 });
    await expect(received).toHaveJSProperty("complete", true);
    expect(await received.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot(customer.page, "04-simulator-customer-receives-the-picture");
  } finally {
    await editorPage.request.put(`/api/channels/${sandbox.id}`, { data: { flowId: previousFlow } });
  }
});
