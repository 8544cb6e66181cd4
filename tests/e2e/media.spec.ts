import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DeskPage } from "./pages/desk-page";
import { SimulatorPage } from "./pages/simulator-page";
import { signedInPage } from "./pages/signed-in-page";

// The sandbox end to end in a browser: the simulator uploads, the app's fetcher downloads through
// the sandbox's Graph media endpoints, the desk shows the files.

async function photo(): Promise<Buffer> {
  // A real PNG with something to see: a warm gradient with a dark band (the "broken box").
  const width = 960;
  const height = 640;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const band = Math.abs(y - x * 0.6 - 80) < 40;
      pixels[i] = band ? 40 : 230 - Math.round((y / height) * 90);
      pixels[i + 1] = band ? 40 : 120 + Math.round((x / width) * 80);
      pixels[i + 2] = band ? 60 : 60;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test("a simulated customer sends a photo and a PDF; the agent sees the photo and opens the PDF", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.open();
  await customer.startNewCustomer();
  await customer.send("hola");
  await expect(customer.replyButton("Hablar con asesor")).toBeVisible({ timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const handoff = customer.businessMessages().filter({ hasText: /\d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;

  // WhatsApp's limits are checked before anything is uploaded, with the reason in Spanish.
  await customer.pickRefusedFile({ name: "enorme.png", mimeType: "image/png", buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
  await expect(customer.page.getByTestId("file-refused")).toContainText("PNG de más de 5 MB: WhatsApp rechaza imágenes de más de 5 MB");
  await shot(customer.page, "01-simulator-refuses-large-png");

  await customer.sendFile({ name: "caja-rota.png", mimeType: "image/png", buffer: await photo() }, "Así llegó la caja");
  await expect(customer.customerMessages().last().getByTestId("bubble-image").locator("img")).toHaveJSProperty("complete", true);
  await customer.sendFile({ name: "factura-0042.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(customer.customerMessages().last().getByTestId("bubble-document")).toContainText("factura-0042.pdf");
  await expect(customer.lastCustomerTicks()).toHaveAttribute("data-status", /sent|read/);
  await shot(customer.page, "02-simulator-photo-and-pdf");

  const desk = new DeskPage(await signedInPage(browser, "admin"));
  await desk.open();
  await desk.showTab("waiting");
  await desk.openConversation(protocol);
  const thumbnail = desk.transcript.getByTestId("media-thumbnail").last();
  await expect(thumbnail).toBeVisible({ timeout: 30_000 });
  await expect(thumbnail.locator("img")).toHaveJSProperty("complete", true);
  expect(await thumbnail.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(desk.transcript.getByTestId("media-caption").last()).toHaveText("Así llegó la caja");
  const pdfCard = desk.transcript.getByTestId("media-document").last();
  await expect(pdfCard).toContainText("factura-0042.pdf");
  await expect(pdfCard).toContainText("PDF");
  // The transcript stays scrolled to the end once the thumbnail has loaded (its box has a fixed size).
  await expect(pdfCard).toBeInViewport();
  await shot(desk.page, "03-desk-photo-and-pdf");

  // Full size in a dialog, from the keyboard; Esc closes it.
  await thumbnail.focus();
  await desk.page.keyboard.press("Enter");
  const lightbox = desk.page.getByTestId("media-lightbox");
  await expect(lightbox.getByTestId("media-full")).toBeVisible();
  expect(await lightbox.getByTestId("media-full").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
  await shot(desk.page, "04-desk-photo-full-size");
  await desk.page.keyboard.press("Escape");
  await expect(lightbox).toBeHidden();

  const download = desk.page.waitForEvent("download");
  await pdfCard.getByTestId("media-download").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("factura-0042.pdf");
  const saved = await file.path();
  expect(saved).toBeTruthy();
});

test("the agent attaches an image with a caption and the simulator shows it", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.open();
  await customer.startNewCustomer();
  await customer.send("hola");
  await expect(customer.replyButton("Hablar con asesor")).toBeVisible({ timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const handoff = customer.businessMessages().filter({ hasText: /\d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;

  const desk = new DeskPage(await signedInPage(browser, "admin"));
  await desk.open();
  await desk.showTab("waiting");
  await desk.openConversation(protocol);
  await desk.claim();

  // Over WhatsApp's limit: refused before anything is stored, with the reason in Spanish.
  await desk.page.getByTestId("attach-input").setInputFiles({ name: "enorme.png", mimeType: "image/png", buffer: Buffer.concat([await photo(), Buffer.alloc(5 * 1024 * 1024)]) });
  await desk.page.getByTestId("attachment-send").click();
  await expect(desk.page.getByText("PNG de más de 5 MB: WhatsApp rechaza imágenes de más de 5 MB.")).toBeVisible({ timeout: 20_000 });
  await shot(desk.page, "05-desk-refuses-large-png");
  await desk.page.getByTestId("attachment-cancel").click();

  // A file dropped onto the conversation, or pasted into the reply box, opens the same preview.
  const dropFile = (target: string, event: "drop" | "paste") =>
    desk.page.evaluate(
      ([selector, kind]) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], kind === "drop" ? "soltado.pdf" : "pegado.pdf", { type: "application/pdf" }));
        const el = document.querySelector(selector)!;
        if (kind === "drop") {
          el.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
          el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        } else {
          el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }
      },
      [target, event] as const,
    );
  await dropFile('[data-testid="transcript"]', "drop");
  await expect(desk.page.getByTestId("attachment-preview")).toContainText("soltado.pdf");
  await desk.page.getByTestId("attachment-caption").press("Escape");
  await expect(desk.page.getByTestId("attachment-preview")).toBeHidden();
  await dropFile('[data-testid="composer-input"]', "paste");
  await expect(desk.page.getByTestId("attachment-preview")).toContainText("pegado.pdf");
  await desk.page.getByTestId("attachment-cancel").click();
  await expect(desk.page.getByTestId("attachment-preview")).toBeHidden();

  // The preview before sending, with its caption.
  await desk.page.getByTestId("attach-input").setInputFiles({ name: "etiqueta.png", mimeType: "image/png", buffer: await photo() });
  await expect(desk.page.getByTestId("attachment-thumb")).toHaveJSProperty("complete", true);
  await desk.page.getByTestId("attachment-caption").fill("Esta es la etiqueta de devolución");
  await shot(desk.page, "06-desk-attachment-preview");
  await desk.page.getByTestId("attachment-caption").press("Enter");
  await expect(desk.page.getByTestId("attachment-preview")).toBeHidden({ timeout: 30_000 });

  const sent = desk.transcript.getByTestId("message-outbound").last();
  await expect(sent.getByTestId("media-thumbnail").locator("img")).toHaveJSProperty("complete", true, { timeout: 30_000 });
  await expect(sent.getByTestId("media-caption")).toHaveText("Esta es la etiqueta de devolución");
  await expect(sent.getByTestId("delivery-tick")).toHaveAttribute("data-status", /sent|delivered|read/, { timeout: 30_000 });
  await shot(desk.page, "07-desk-sent-image");

  // The customer's phone: the sandbox stored the upload; the message arrived by its id.
  const bubble = customer.businessMessages().last().getByTestId("bubble-image");
  await expect(bubble.locator("img")).toHaveJSProperty("complete", true, { timeout: 30_000 });
  expect(await bubble.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
  await expect(customer.businessMessages().last()).toContainText("Esta es la etiqueta de devolución");
  await customer.businessMessages().last().scrollIntoViewIfNeeded();
  await shot(customer.page, "08-simulator-shows-agent-image");
});
