import { randomInt } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { FlowsPage } from "./pages/flows-page";
import { LoginPage } from "./pages/login-page";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${randomInt(1000)}`;

/** A 21-character button title: one more than WhatsApp allows. */
const TOO_LONG_TITLE = "Consultar mis compras";

type SandboxMessage = { from: "customer" | "business"; kind: string; text: string; buttons?: { id: string; title: string }[] };

async function sandboxChat(page: Page, phone: string): Promise<SandboxMessage[]> {
  const response = await page.request.get(`/api/sandbox/conversations?phone=${phone}`);
  if (!response.ok()) return [];
  const { conversation } = (await response.json()) as { conversation: { messages: SandboxMessage[] } };
  return conversation.messages;
}

test("an editor draws a menu, tests it, publishes two versions, compares them, rolls back, and customers get the active version", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  const name = unique("Menú e2e");
  const flowId = await flows.create(name, "blank");
  const editor = new EditorPage(page);
  await expect(editor.nodes("start")).toHaveCount(1);

  // Make room: smaller cards, the start step near the top.
  await editor.zoomOut(3);
  await editor.pan({ x: 60, y: 450 }, 0, -250);
  const start = editor.node("start");

  // ---- drag steps from the palette
  await editor.dragFromPalette("buttons", { x: 250, y: 150 });
  await editor.dragFromPalette("message", { x: 110, y: 360 });
  await editor.dragFromPalette("question", { x: 410, y: 360 });
  await editor.dragFromPalette("end", { x: 260, y: 520 });
  const menu = editor.node("buttons");
  const sales = editor.node("message");
  const ask = editor.node("question");
  const end = editor.node("end");

  // ---- edit text in the inspector
  await editor.select(menu);
  await editor.field("Mensaje").fill("Hola {{contact.name}}, ¿qué necesitas?");
  await editor.field("Botón 1").fill("Ventas");
  await editor.field("Botón 2").fill("Soporte");
  await expect(menu).toContainText("Ventas");
  await expect(menu).toContainText("Soporte");
  // Variables are highlighted on the card as WhatsApp text with a placeholder.
  await expect(menu.locator("[data-variable]")).toHaveText("{{contact.name}}");

  await editor.select(sales);
  await editor.field("Mensaje").fill("Un asesor de ventas te escribirá en minutos.");
  await editor.select(ask);
  await editor.field("Pregunta").fill("¿Cuál es tu número de pedido?");
  await editor.field("Guardar la respuesta en").fill("pedido");
  await editor.select(end);
  await editor.field("Mensaje de despedida (opcional)").fill("Gracias, registramos el pedido {{pedido}}.");

  // ---- connect buttons to different branches
  await editor.connect(editor.outputHandle(start), editor.inputHandle(menu));
  await editor.connect(editor.outputHandle(menu, "Ventas"), editor.inputHandle(sales));
  await editor.connect(editor.outputHandle(menu, "Soporte"), editor.inputHandle(ask));
  await editor.connect(editor.outputHandle(ask, "Respuesta válida"), editor.inputHandle(end));
  await editor.connect(editor.outputHandle(sales), editor.inputHandle(end));
  await editor.waitSaved();

  // ---- a 21-character button title: the lint says so, the step is marked, then it is fixed
  await editor.select(menu);
  await editor.field("Botón 1").fill(TOO_LONG_TITLE);
  await expect(editor.inspector.getByText("21/20")).toBeVisible();
  await expect(menu.locator("[data-marker]")).toHaveAttribute("data-marker", "error");
  await editor.openTab("lint");
  const issue = page.locator('[data-testid="lint-issue"][data-code="button_title_too_long"]');
  await expect(issue).toBeVisible();
  await expect(issue).toContainText("20");
  await issue.click();
  // The click lands on the field that has the problem.
  await expect(editor.field("Botón 1")).toBeFocused();
  await editor.field("Botón 1").fill("Ventas");
  await expect(menu.locator("[data-marker]")).toHaveCount(0);
  await editor.openTab("lint");
  await expect(page.getByTestId("lint-clean")).toBeVisible();
  await editor.waitSaved();
  await editor.fitView();
  await page.screenshot({ path: testInfo.outputPath("editor.png") });

  // ---- chat with the draft in the preview
  await editor.openTab("preview");
  await editor.say("hola");
  await expect(editor.previewMessages("business").last()).toContainText("Hola Ana, ¿qué necesitas?");
  await editor.tap("Soporte");
  await expect(editor.previewMessages("business").last()).toContainText("¿Cuál es tu número de pedido?");
  // The step the conversation waits at is highlighted on the canvas.
  await expect(ask.locator("[data-active]")).toBeVisible();
  await editor.say("48213");
  await expect(editor.previewMessages("business").last()).toContainText("Gracias, registramos el pedido 48213.");
  await expect(page.getByTestId("preview-status")).toBeVisible();
  await expect(end.locator("[data-active]")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("preview.png") });

  // ---- publish version 1
  await editor.publish("Primera versión: ventas y soporte");
  await expect(editor.activeVersion).toHaveText("Activa: v1");

  // ---- edit again and publish version 2
  await editor.openInspector();
  await editor.select(menu);
  await editor.field("Mensaje").fill("¡Bienvenido! ¿En qué te ayudamos hoy?");
  await editor.waitSaved();
  await editor.publish("Saludo nuevo");
  await expect(editor.activeVersion).toHaveText("Activa: v2");

  // ---- history and the diff between 1 and 2
  await editor.openTab("history");
  await expect(editor.versionRow(2)).toContainText("Saludo nuevo");
  await expect(editor.versionRow(2)).toContainText("Eduardo Editor");
  await expect(editor.versionRow(1)).toContainText("Primera versión");
  await editor.versionRow(2).getByRole("link", { name: "Cambios" }).click();
  await expect(page.getByTestId("diff-viewer")).toBeVisible();
  const changed = page.getByTestId("diff-changed");
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("Hola {{contact.name}}, ¿qué necesitas?");
  await expect(changed).toContainText("¡Bienvenido! ¿En qué te ayudamos hoy?");
  await expect(page.locator('[data-diff="changed"]')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("diff.png") });

  // ---- roll back to version 1
  await page.getByRole("link", { name: "Volver al editor" }).click();
  await expect(page.getByTestId("flow-editor")).toBeVisible();
  await editor.openTab("history");
  await editor.versionRow(1).getByTestId("rollback").click();
  await page.getByTestId("confirm-history-action").click();
  await expect(editor.activeVersion).toHaveText("Activa: v1");
  await expect(editor.versionRow(1)).toHaveAttribute("data-active", "true");

  // ---- a customer writes through the real webhook and is answered by the active version (1)
  const { channels } = (await (await page.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean; isDefault: boolean; flow: { id: string } | null }[] };
  const sandbox = channels.find((c) => c.sandbox && c.isDefault) ?? channels.find((c) => c.sandbox)!;
  const previousFlow = sandbox.flow?.id ?? null;
  const bind = await page.request.put(`/api/channels/${sandbox.id}`, { data: { flowId } });
  expect(bind.ok(), await bind.text()).toBe(true);
  try {
    const phone = `54911${randomInt(10_000_000, 99_999_999)}`;
    const send = (message: Record<string, unknown>) => page.request.post("/api/sandbox/send", { data: { phone, name: "Carla Cliente", message } });
    expect((await send({ type: "text", text: "hola" })).ok()).toBe(true);
    await expect
      .poll(async () => (await sandboxChat(page, phone)).filter((m) => m.from === "business").map((m) => m.text), { timeout: 20_000 })
      .toContainEqual("Hola Carla Cliente, ¿qué necesitas?");
    const chat = await sandboxChat(page, phone);
    expect(chat.some((m) => m.text.includes("Bienvenido"))).toBe(false);
    const welcome = chat.find((m) => m.from === "business" && m.kind === "buttons")!;
    const support = welcome.buttons!.find((b) => b.title === "Soporte")!;
    expect((await send({ type: "button_reply", id: support.id, title: support.title })).ok()).toBe(true);
    await expect
      .poll(async () => (await sandboxChat(page, phone)).filter((m) => m.from === "business").map((m) => m.text), { timeout: 20_000 })
      .toContainEqual("¿Cuál es tu número de pedido?");
  } finally {
    if (previousFlow) await page.request.put(`/api/channels/${sandbox.id}`, { data: { flowId: previousFlow } });
  }
});

test("undo and redo cover every edit; copy, paste, duplicate and delete work from the keyboard", async ({ page }) => {
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  await flows.create(unique("Atajos e2e"));
  const editor = new EditorPage(page);
  const mod = process.platform === "darwin" ? "Meta" : "Control";

  // A blank flow can't be published yet: the dialog lists why and publishing is blocked.
  await page.getByTestId("publish").click();
  const publishDialog = page.getByTestId("publish-dialog");
  await expect(publishDialog.getByTestId("publish-errors")).toContainText("El inicio no está conectado");
  await expect(publishDialog.getByTestId("publish-confirm")).toBeDisabled();
  await publishDialog.getByRole("button", { name: "Cancelar" }).click();
  await expect(editor.activeVersion).toHaveText("Sin publicar");

  // Click to add (no drag): the step appears selected in the middle.
  await page.getByTestId("palette-message").click();
  await expect(editor.nodes("message")).toHaveCount(1);
  const text = editor.field("Mensaje");
  await text.fill("Primera versión del texto");
  await expect(editor.node("message")).toContainText("Primera versión del texto");

  // Typing is one undo step; undo goes back to empty, then removes the added step.
  await page.keyboard.press(`${mod}+z`);
  await expect(editor.node("message")).toContainText("(sin texto todavía)");
  await page.keyboard.press(`${mod}+z`);
  await expect(editor.nodes("message")).toHaveCount(0);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(editor.nodes("message")).toHaveCount(1);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(editor.node("message")).toContainText("Primera versión del texto");
  await expect(page.getByTestId("redo")).toBeDisabled();

  // Copy and paste with the canvas focused.
  await editor.select(editor.node("message"));
  await editor.node("message").locator("header").click();
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await expect(editor.nodes("message")).toHaveCount(2);
  await expect(editor.nodes("message").nth(1)).toContainText("Primera versión del texto");
  await page.keyboard.press(`${mod}+d`);
  await expect(editor.nodes("message")).toHaveCount(3);

  // Delete with the key; the start step can't be deleted.
  await editor.nodes("message").nth(2).locator("header").click();
  await page.keyboard.press("Delete");
  await expect(editor.nodes("message")).toHaveCount(2);
  await editor.node("start").locator("header").click();
  await page.keyboard.press("Delete");
  await expect(editor.nodes("start")).toHaveCount(1);
  await page.keyboard.press(`${mod}+z`);
  await expect(editor.nodes("message")).toHaveCount(3);

  // Delete from the node's menu, then undo with the toolbar button.
  await editor.nodes("message").nth(0).locator("header").click({ button: "right" });
  await page.getByRole("menuitem", { name: "Eliminar" }).click();
  await expect(editor.nodes("message")).toHaveCount(2);
  await page.getByTestId("undo").click();
  await expect(editor.nodes("message")).toHaveCount(3);
  await editor.waitSaved();
});

test("a stale tab gets the conflict and chooses; leaving with unsaved changes warns", async ({ browser, page }) => {
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  const flowId = await flows.create(unique("Conflicto e2e"));
  const first = new EditorPage(page);
  await page.getByTestId("palette-message").click();
  await first.field("Mensaje").fill("Texto de la primera pestaña");
  await first.waitSaved();

  // Same user, second tab, opened before the first one saves again.
  const context = await browser.newContext({ storageState: await page.context().storageState(), viewport: { width: 1280, height: 720 }, locale: "es-ES" });
  const otherPage = await context.newPage();
  const second = new EditorPage(otherPage);
  await second.open(flowId);
  await second.select(second.node("message"));
  await second.field("Mensaje").fill("La segunda pestaña guardó esto");
  await second.waitSaved();

  // The first tab is now stale: its next save is refused and it must choose.
  await first.field("Mensaje").fill("Cambio de la primera pestaña");
  const dialog = page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(first.saveState).toHaveAttribute("data-state", "conflict");
  await dialog.getByRole("button", { name: "Cargar su versión (descartar la mía)" }).click();
  await expect(dialog).toBeHidden();
  await expect(first.node("message")).toContainText("La segunda pestaña guardó esto");
  await expect(first.saveState).toHaveAttribute("data-state", "saved");

  // Explicit overwrite the other way round.
  await first.select(first.node("message"));
  await first.field("Mensaje").fill("La primera pestaña insiste");
  await first.waitSaved();
  await second.field("Mensaje").fill("La segunda vuelve a escribir");
  const otherDialog = otherPage.getByTestId("conflict-dialog");
  await expect(otherDialog).toBeVisible({ timeout: 15_000 });
  await otherDialog.getByRole("button", { name: "Quedarme con la mía (reemplazar la suya)" }).click();
  await second.waitSaved();
  await page.reload();
  await expect(first.node("message")).toContainText("La segunda vuelve a escribir");

  // Unsaved changes: the browser asks before leaving.
  await second.field("Mensaje").fill("Sin guardar todavía");
  const asked = new Promise<string>((resolve) =>
    otherPage.once("dialog", (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await otherPage.close({ runBeforeUnload: true });
  expect(await asked).toBe("beforeunload");
  await context.close();
});

test("the flows list: templates, rename, duplicate, export, import that refuses a non-flow file, delete refused while bound", async ({ page }) => {
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();

  // A template is ready to publish as is.
  const name = unique("Horario e2e");
  await flows.create(name, "business-hours");
  const editor = new EditorPage(page);
  await expect(editor.nodes("condition")).toHaveCount(1);
  await expect(editor.nodes("handoff")).toHaveCount(2);
  await editor.openTab("lint");
  await expect(page.getByTestId("lint-clean")).toBeVisible();

  await flows.open();
  await expect(flows.row(name)).toContainText("Sin publicar");

  // Rename and duplicate.
  const renamed = `${name} (renombrado)`;
  await flows.openActions(name);
  await page.getByRole("menuitem", { name: "Cambiar nombre" }).click();
  await page.getByRole("dialog").getByLabel("Nombre", { exact: true }).fill(renamed);
  await page.getByRole("dialog").getByRole("button", { name: "Guardar" }).click();
  await expect(flows.row(renamed)).toBeVisible();
  await flows.openActions(renamed);
  await page.getByRole("menuitem", { name: "Duplicar" }).click();
  await expect(flows.row(`${renamed} (copia)`)).toBeVisible();

  // Export downloads the flow file; importing it back creates a new flow.
  await flows.openActions(renamed);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Exportar" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
  expect(exported.document.nodes.length).toBeGreaterThan(3);

  // A file that is not a flow: a clear list of what is wrong, nothing created.
  const count = await flows.rows().count();
  await flows.importFile("contactos.json", JSON.stringify({ schemaVersion: 1, nodes: [{ id: "x", type: "teleport" }], edges: "none" }));
  await expect(flows.importError).toBeVisible();
  await expect(flows.importError).toContainText("contactos.json");
  await expect(flows.importError.locator("li").first()).toBeVisible();
  await expect(flows.importError).toContainText("No se cambió nada.");
  await expect(flows.rows()).toHaveCount(count);

  exported.name = unique("Importado e2e");
  await flows.importFile("flujo.atendo-flow.json", JSON.stringify(exported));
  await expect(flows.row(exported.name)).toBeVisible();
  await expect(flows.rows()).toHaveCount(count + 1);

  // The demo menu answers the sandbox number: deleting it is refused with the reason.
  const bound = page.locator('[data-testid="flow-row"]').filter({ has: page.getByTestId("flow-channels").filter({ hasText: "Sandbox" }) }).first();
  const boundName = (await bound.getAttribute("data-flow-name"))!;
  await flows.delete(boundName);
  await expect(page.getByTestId("delete-error")).toBeVisible();
  await page.getByTestId("delete-dialog").getByRole("button", { name: "Cancelar" }).click();
  await expect(flows.row(boundName)).toBeVisible();

  // An unbound copy is deleted after confirming.
  await flows.delete(`${renamed} (copia)`);
  await expect(flows.row(`${renamed} (copia)`)).toHaveCount(0);
});

test("an agent gets no access to the editor", async ({ page }) => {
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  const flowId = await flows.create(unique("Privado e2e"));
  await page.context().clearCookies();

  await new LoginPage(page).signInAs("agent");
  for (const path of [`/flows/${flowId}`, `/flows/${flowId}/versions/1`, `/flows/${flowId}/diff?from=1&to=draft`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByTestId("flow-editor")).toHaveCount(0);
  }
  const api = await page.request.get(`/api/flows/${flowId}`);
  expect(api.status()).toBe(403);
});
