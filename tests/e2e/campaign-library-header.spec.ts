import { randomInt } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { signedInPage } from "./pages/signed-in-page";

// A campaign whose template's image header is a media library file: the admin chooses the
// file in the campaign form with the library picker (uploading it there), and the sandbox's
// customers receive the template with the picture uploaded to the sandbox's Graph media endpoint.

/** A picture different on every run (the library keeps one item per file). */
async function picture(): Promise<Buffer> {
  const width = 320;
  const height = 200;
  const seed = Date.now() % 250;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 3) {
    pixels[i] = seed;
    pixels[i + 1] = (i / 3) % 255;
    pixels[i + 2] = 90;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function customerWrites(page: Page, phone: string, name: string, text: string) {
  const res = await page.request.post("/api/sandbox/send", { data: { phone, name, message: { type: "text", text } } });
  expect(res.status()).toBe(200);
}

test("an admin sends a campaign whose image header is a library file chosen in the form; every customer gets it", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const page = await signedInPage(browser, "admin");
  const base = 5511_8000_0000 + randomInt(0, 9_000_000) * 10;
  const customers = [
    { phone: String(base + 1), name: "Elena Prado" },
    { phone: String(base + 2), name: "Fabio Nunes" },
  ];
  for (const c of customers) await customerWrites(page, c.phone, c.name, "hola");
  const channels = (await (await page.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  const sandbox = channels.channels.find((c) => c.sandbox)!;
  expect((await page.request.post(`/api/channels/${sandbox.id}/templates/sync`, { data: {} })).status()).toBe(200);

  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Nueva campaña" }).click();
  await page.getByLabel("Nombre de la campaña").fill("Verano biblioteca e2e");
  await page.getByLabel("Plantilla aprobada").selectOption({ label: "summer_sale · es" });
  const csv = ["phone,name", ...customers.map((c) => `+${c.phone},${c.name}`)].join("\n");
  await page.getByLabel("Elegir un archivo CSV").setInputFiles({ name: "clientes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  // header.image: a file of the media library, uploaded from the picker the form opens.
  await page.getByLabel("Encabezado (imagen): Variables de la plantilla").selectOption("library");
  const picker = page.getByTestId("library-picker");
  await expect(picker).toBeVisible();
  await picker.getByTestId("library-upload-input").setInputFiles({ name: "verano-biblioteca.png", mimeType: "image/png", buffer: await picture() });
  await expect(picker).toBeHidden();
  await expect(page.getByTestId("campaign-library-file")).toContainText("verano-biblioteca.png");
  await page.getByLabel("Cuerpo {{1}}: Columna del CSV").selectOption("name");
  await page.getByLabel("Cuerpo {{2}}: Variables de la plantilla").selectOption("text");
  await page.getByLabel("Cuerpo {{2}}: Texto fijo").fill("BIBLIO10");
  await page.screenshot({ path: testInfo.outputPath("campaign-library-header.png") });

  await page.getByRole("button", { name: "Revisar la lista" }).click();
  await expect(page.getByTestId("preview-valid")).toHaveText("2 destinatarios listos");
  await page.getByRole("button", { name: "Confirmar y enviar" }).click();
  await expect(page.getByText("Campaña creada")).toBeVisible();
  await expect(page.getByTestId("campaign-totals").locator('[data-total="delivered"] .text-xl')).toHaveText("2", { timeout: 30_000 });
  await expect(page.getByTestId("campaign-totals").locator('[data-total="failed"] .text-xl')).toHaveText("0");

  const received = await page.request.get(`/api/sandbox/conversations?phone=${customers[0]!.phone}`);
  expect(JSON.stringify(await received.json())).toContain("BIBLIO10");
});
