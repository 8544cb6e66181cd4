import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DeskPage } from "./pages/desk-page";
import { EditorPage } from "./pages/editor-page";
import { SimulatorPage } from "./pages/simulator-page";
import { signedInPage } from "./pages/signed-in-page";

// A flow step that asks for a photo: drawn in the editor, answered from the simulator with a real
// file (a real media webhook through the sandbox), and seen by the agent in "captured data".

async function photo(): Promise<Buffer> {
  const width = 640;
  const height = 480;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const band = Math.abs(y - x * 0.6 - 60) < 30;
      pixels[i] = band ? 40 : 60 + Math.round((x / width) * 120);
      pixels[i + 1] = band ? 40 : 150;
      pixels[i + 2] = band ? 60 : 230 - Math.round((y / height) * 100);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const QUESTION = "Envíanos una foto del producto, por favor.";
const INVALID = "Necesitamos una foto (imagen) del producto.";

function document() {
  return {
    schemaVersion: 1,
    settings: {},
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "ask_photo",
        type: "question",
        position: { x: 0, y: 140 },
        data: { label: "Foto del producto", text: QUESTION, variable: "foto", validation: { kind: "media", allowedKinds: ["image"] }, errorText: INVALID },
      },
      { id: "human", type: "handoff", position: { x: 0, y: 340 }, data: { queue: "soporte", text: "Recibimos {{foto}}. Tu protocolo es {{protocol}}." } },
    ],
    edges: [
      { id: "e1", source: "start", target: "ask_photo" },
      { id: "e2", source: "ask_photo", target: "human" },
      { id: "e3", source: "ask_photo", sourceHandle: "invalid", target: "human" },
    ],
  };
}

test("a flow asks for a photo, the simulated customer sends one, the agent sees it in captured data", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // ---- the editor: a question whose answer type is a file (photos only), published on the sandbox number
  const editorPage = await signedInPage(browser, "editor");
  const created = await editorPage.request.post("/api/flows", { data: { name: `Foto e2e ${Date.now()}`, document: document() } });
  expect(created.status()).toBe(201);
  const flowId = ((await created.json()) as { flow: { id: string } }).flow.id;
  const editor = new EditorPage(editorPage);
  await editor.open(flowId);
  const card = editor.node("question");
  await expect(card.getByTestId("question-media-kinds")).toContainText("Foto");
  await editor.select(card);
  await expect(editor.inspector.locator('[data-field="data.validation.kind"]')).toContainText("Archivo");
  const kinds = editor.inspector.locator('[data-field="data.validation.allowedKinds"]');
  await expect(kinds.locator('[data-kind="image"]')).toHaveAttribute("data-state", "checked");
  await expect(kinds.locator('[data-kind="document"]')).toHaveAttribute("data-state", "unchecked");
  await shot(editorPage, "01-editor-question-asks-for-a-photo");

  const { channels } = (await (await editorPage.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean; isDefault: boolean; flow: { id: string } | null }[] };
  const sandbox = channels.find((c) => c.sandbox && c.isDefault) ?? channels.find((c) => c.sandbox)!;
  const previousFlow = sandbox.flow?.id ?? null;
  try {
    const published = await editorPage.request.post(`/api/flows/${flowId}/publish`, { data: { note: "Pide una foto" } });
    expect(published.ok()).toBe(true);
    expect((await editorPage.request.put(`/api/channels/${sandbox.id}`, { data: { flowId } })).ok()).toBe(true);

    // ---- the customer: a PDF is refused with the question's message, then a photo answers
    const customer = new SimulatorPage(await signedInPage(browser, "editor"));
    await customer.open();
    await customer.startNewCustomer();
    await customer.send("hola");
    await expect(customer.businessMessages().filter({ hasText: QUESTION }).last()).toBeVisible({ timeout: 20_000 });
    await customer.send("no tengo");
    await expect(customer.businessMessages().filter({ hasText: INVALID }).last()).toBeVisible({ timeout: 20_000 });
    await customer.sendFile({ name: "producto.png", mimeType: "image/png", buffer: await photo() }, "Así llegó");
    const handoff = customer.businessMessages().filter({ hasText: /Recibimos \[image\]\. Tu protocolo es \d{8}-\d{6}/ }).last();
    await expect(handoff).toBeVisible({ timeout: 30_000 });
    const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;
    await shot(customer.page, "02-simulator-customer-sends-photo");

    // ---- the agent: captured data shows the photo itself, not its id and URL
    const desk = new DeskPage(await signedInPage(browser, "admin"));
    await desk.open();
    await desk.showTab("waiting");
    await desk.openConversation(protocol);
    const captured = desk.contactCard.locator('[data-testid="flow-media-variable"][data-variable="foto"]');
    const thumbnail = captured.getByTestId("media-thumbnail");
    await expect(thumbnail).toBeVisible({ timeout: 30_000 });
    await expect(thumbnail.locator("img")).toHaveJSProperty("complete", true);
    expect(await thumbnail.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(captured.getByTestId("media-caption")).toHaveText("Así llegó");
    // The variable family is one entry: no raw foto.id / foto.url rows.
    await expect(desk.contactCard.getByTestId("flow-variables")).not.toContainText("foto.url");
    await expect(desk.contactCard.getByTestId("flow-variables")).not.toContainText("/api/media/");
    await shot(desk.page, "03-desk-captured-data-shows-the-photo");
  } finally {
    await editorPage.request.put(`/api/channels/${sandbox.id}`, { data: { flowId: previousFlow } });
  }
});
