import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { EditorPage } from "./pages/editor-page";
import { FlowsPage } from "./pages/flows-page";
import { signedInPage } from "./pages/signed-in-page";

// A flow's WhatsApp template step with an image header: the editor takes the header's file from
// the media library with the same picker as a message step (uploading it there).

test("an editor gives a template step's image header a media library file", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const admin = await signedInPage(browser, "admin");
  const { channels } = (await (await admin.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  expect((await admin.request.post(`/api/channels/${channels.find((c) => c.sandbox)!.id}/templates/sync`, { data: {} })).status()).toBe(200);
  await admin.context().close();

  const page = await signedInPage(browser, "editor");
  const flows = new FlowsPage(page);
  await flows.open();
  await flows.create(`Promo ${Date.now().toString(36)}`, "blank");
  const editor = new EditorPage(page);
  await editor.dragFromPalette("template", { x: 300, y: 300 });
  const step = editor.node("template");
  await editor.select(step);
  await editor.inspector.getByLabel("Plantilla", { exact: true }).click();
  await page.getByRole("option", { name: /summer_sale · es/ }).click();

  await editor.inspector.getByRole("radio", { name: "Biblioteca" }).click();
  const picker = page.getByTestId("library-picker");
  await expect(picker).toBeVisible();
  const pixels = Buffer.alloc(200 * 120 * 3, Date.now() % 255);
  const png = await sharp(pixels, { raw: { width: 200, height: 120, channels: 3 } }).png().toBuffer();
  await picker.getByTestId("library-upload-input").setInputFiles({ name: "promo-plantilla.png", mimeType: "image/png", buffer: png });
  await expect(picker).toBeHidden();
  await expect(editor.inspector.getByTestId("chosen-file")).toHaveText("promo-plantilla.png");
  await expect(editor.inspector.locator('[data-field-feedback="data.headerMedia.libraryId"]')).toHaveCount(0);
  await editor.waitSaved();
  await page.screenshot({ path: testInfo.outputPath("template-step-library-header.png") });

  // Back to a link: the address field returns and the library file is no longer used.
  await editor.inspector.getByRole("radio", { name: "Dirección" }).click();
  await expect(editor.inspector.getByTestId("chosen-file")).toHaveCount(0);
});
