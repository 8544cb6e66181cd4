import { expect, test } from "@playwright/test";
import { ChannelsSettingsPage } from "./pages/channels-settings-page";
import { LoginPage } from "./pages/login-page";

const SANDBOX = "100000000000001";

/** A tiny valid flow, created and published through the API with the admin's session. */
function flowDocument(text: string) {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "bye", type: "end", position: { x: 0, y: 120 }, data: { text } },
    ],
    edges: [{ id: "e1", source: "start", target: "bye" }],
  };
}

test("an admin sees the sandbox channel, reveals the verify token, binds a flow and edits settings", async ({ page }, testInfo) => {
  await new LoginPage(page).signInAs("admin");
  const suffix = Date.now().toString(36);
  const published = await page.request.post("/api/flows", { data: { name: `Canal e2e ${suffix}`, document: flowDocument("Hola desde e2e") } });
  expect(published.status()).toBe(201);
  const flowId = (await published.json()).flow.id as string;
  expect((await page.request.post(`/api/flows/${flowId}/publish`, { data: { note: "e2e" } })).status()).toBe(201);
  const draftOnly = `Borrador e2e ${suffix}`;
  expect((await page.request.post("/api/flows", { data: { name: draftOnly } })).status()).toBe(201);

  const channelsList = await (await page.request.get("/api/channels")).json();
  const sandbox = channelsList.channels.find((c: { phoneNumberId: string }) => c.phoneNumberId === SANDBOX);
  const originalFlowId = sandbox.flow.id as string;
  const originalRate = sandbox.sendRatePerSecond as number;

  try {
    const settings = new ChannelsSettingsPage(page);
    await settings.goto();
    const card = settings.card(SANDBOX);
    await expect(card.getByText("Sandbox", { exact: true })).toBeVisible();
    await expect(card.getByTestId("webhook-url")).toHaveText(/\/api\/webhooks\/whatsapp$/);
    await expect(settings.flowSelect(SANDBOX)).toContainText("Menú principal · v1");

    // Masked until asked for.
    await expect(settings.verifyToken(SANDBOX)).toHaveText(/^•+$/);
    await settings.revealVerifyToken(SANDBOX);
    await expect(settings.verifyToken(SANDBOX)).toHaveText(/^[0-9a-f]{24}$/);
    await page.screenshot({ path: testInfo.outputPath("settings-channels.png"), fullPage: true });

    // A flow that was never published can't be chosen.
    await settings.flowSelect(SANDBOX).click();
    await expect(page.getByRole("option", { name: `${draftOnly} (sin publicar)` })).toBeDisabled();
    await page.keyboard.press("Escape");

    await settings.bindFlow(SANDBOX, `Canal e2e ${suffix} · v1`);
    await expect(page.getByText(`«Canal e2e ${suffix}» ahora responde en este número`)).toBeVisible();
    await page.reload();
    await expect(settings.flowSelect(SANDBOX)).toContainText(`Canal e2e ${suffix} · v1`);

    const dialog = await settings.openEditor(SANDBOX);
    await expect(dialog.getByLabel("Token de acceso", { exact: true })).toHaveValue(""); // secrets are write-only
    await dialog.getByLabel("Mensajes por segundo", { exact: true }).fill("40");
    await page.screenshot({ path: testInfo.outputPath("settings-channels-edit.png"), fullPage: true });
    await dialog.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByText("Canal actualizado")).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(card.getByText("40 mensajes/s")).toBeVisible();
  } finally {
    // Other specs rely on the demo flow answering on the sandbox number.
    const restore = await page.request.put(`/api/channels/${sandbox.id}`, { data: { flowId: originalFlowId, sendRatePerSecond: originalRate } });
    expect(restore.status()).toBe(200);
  }
});
