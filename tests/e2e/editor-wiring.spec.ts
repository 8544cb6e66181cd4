import { randomInt } from "node:crypto";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { FlowsPage } from "./pages/flows-page";
import { LoginPage } from "./pages/login-page";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${randomInt(1000)}`;

/** Texts React Flow and sonner show when nobody translates them, and internal ids. */
const ENGLISH = ["Zoom In", "Zoom Out", "Fit View", "Mini Map", "Control Panel", "Toggle Interactivity", "Edge from", "Close toast", "Notifications", "Press enter or space"];
const INTERNAL_ID = /\b(?:start|message|buttons|list|question|condition|set|http|handoff|end|e)_[0-9a-z]{8}\b/;

/** Every label a screen reader or a tooltip would read, plus the visible text. */
async function labelsAndText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.body.innerText];
    for (const el of document.querySelectorAll("[aria-label], [title]")) parts.push(el.getAttribute("aria-label") ?? "", el.getAttribute("title") ?? "");
    for (const el of document.querySelectorAll("[aria-labelledby]")) {
      for (const id of (el.getAttribute("aria-labelledby") ?? "").split(/\s+/)) parts.push(document.getElementById(id)?.textContent ?? "");
    }
    return parts.join("\n");
  });
}

/**
 * Points along each connection line that fall inside a card (a line passing behind a card;
 * lines start and end on the cards' edges, never inside). Returns "edge: card" pairs.
 */
async function linesBehindCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((el) => ({ id: el.dataset.id!, box: el.getBoundingClientRect() }));
    const hits = new Set<string>();
    for (const edge of document.querySelectorAll<SVGGElement>(".react-flow__edge")) {
      const path = edge.querySelector<SVGPathElement>("path.react-flow__edge-path");
      if (!path) continue;
      const matrix = path.getScreenCTM()!;
      const length = path.getTotalLength();
      for (let d = 0; d <= length; d += 3) {
        const p = path.getPointAtLength(d).matrixTransform(matrix);
        for (const { id, box: b } of cards) {
          if (p.x > b.left + 2 && p.x < b.right - 2 && p.y > b.top + 2 && p.y < b.bottom - 2) hits.add(`${edge.getAttribute("aria-label")}: behind ${id}`);
        }
      }
    }
    return [...hits];
  });
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not visible");
  return b;
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("a marketer wires a buttons step by click: each option's step sits beside its row, lines never pass behind cards, all in Spanish", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  await flows.create(unique("Cableado e2e"));
  const editor = new EditorPage(page);

  // Start selected, click "Botones": the step lands below it, wired.
  const start = editor.node("start");
  await editor.select(start);
  await page.getByTestId("palette-buttons").click();
  const menu = editor.node("buttons");
  await expect(menu).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await editor.field("Mensaje").fill("¿En qué te ayudamos?");
  await editor.field("Botón 1").fill("Ventas");
  await editor.field("Botón 2").fill("Soporte");

  // Toasts ("flow created", "copied"…) cover neither the side panel nor the publish button.
  await menu.locator("header").click();
  await page.keyboard.press("Control+c");
  const placement = await (await page.waitForFunction(() => {
    const toast = document.querySelector("[data-sonner-toast]");
    const publish = document.querySelector('[data-testid="publish"]');
    const panel = document.querySelector('aside[aria-label="Paneles del editor"]');
    if (!toast || !publish || !panel) return null;
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return { toast: rect(toast), publish: rect(publish), panel: rect(panel), close: toast.querySelector("[data-close-button]")?.getAttribute("aria-label") ?? null };
  })).jsonValue();
  if (!placement) throw new Error("no toast seen");
  expect(overlap(placement.toast, placement.publish)).toBe(false);
  expect(overlap(placement.toast, placement.panel)).toBe(false);
  expect(placement.close).toBe("Cerrar notificación");

  // An option that leads nowhere: its own row is marked, not only the card.
  const ventasRow = menu.locator("[data-handle-row]").filter({ hasText: "Ventas" });
  const soporteRow = menu.locator("[data-handle-row]").filter({ hasText: "Soporte" });
  await expect(ventasRow).toHaveAttribute("data-row-marker", "error");
  await expect(soporteRow).toHaveAttribute("data-row-marker", "error");

  // Buttons selected, click "Mensaje": wired from "Ventas", placed to its right, level with it.
  await editor.select(menu);
  await page.getByTestId("palette-message").click();
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await editor.field("Mensaje").fill("Un asesor de ventas te escribe enseguida.");
  await expect(ventasRow).not.toHaveAttribute("data-row-marker", /./);
  await expect(soporteRow).toHaveAttribute("data-row-marker", "error");

  // Again for "Soporte": a question, below the first, its line turning before the other's.
  await editor.select(menu);
  await page.getByTestId("palette-question").click();
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await editor.field("Pregunta").fill("¿Cuál es tu número de pedido?");
  await expect(soporteRow).not.toHaveAttribute("data-row-marker", /./);

  await editor.fitView();
  await page.waitForTimeout(400);
  const sales = editor.node("message");
  const ask = editor.node("question");
  const menuBox = await box(menu);
  for (const [row, step] of [
    [ventasRow, sales],
    [soporteRow, ask],
  ] as const) {
    const r = await box(row);
    const s = await box(step);
    expect(s.x, "the step is to the right of the card").toBeGreaterThan(menuBox.x + menuBox.width);
    expect(s.y + s.height, "and not above its option").toBeGreaterThan(r.y);
  }
  // "Ventas", the first option, is level with the header of its step.
  const ventasBox = await box(ventasRow);
  const salesHeader = await box(sales.locator("header"));
  expect(Math.abs(ventasBox.y + ventasBox.height / 2 - (salesHeader.y + salesHeader.height / 2))).toBeLessThan(3);
  expect(await linesBehindCards(page)).toEqual([]);

  // Spanish only: React Flow's controls, the minimap, the connections, the toasts.
  await expect(page.locator(".react-flow__controls-zoomin")).toHaveAttribute("aria-label", "Acercar");
  await expect(page.locator(".react-flow__controls-fitview")).toHaveAttribute("aria-label", "Ver todo el flujo");
  const edgeLabels = await page.locator(".react-flow__edge").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(edgeLabels).toContain("Conexión de «Botones» a «Mensaje»");
  const everything = await labelsAndText(page);
  for (const english of ENGLISH) expect(everything, english).not.toContain(english);
  expect(everything).not.toMatch(INTERNAL_ID);
  await page.screenshot({ path: testInfo.outputPath("wiring-es.png") });

  // The lint panel names steps, not ids; clicking a step while it is open opens the step.
  await editor.openTab("lint");
  await expect(page.getByTestId("lint-issue").first()).toBeVisible();
  const steps = await page.getByTestId("lint-step").allInnerTexts();
  expect(steps.length).toBeGreaterThan(0);
  for (const s of steps) expect(s).not.toMatch(INTERNAL_ID);
  expect(steps.join("\n")).toMatch(/Mensaje · Un asesor|Pregunta · ¿Cuál/);
  await page.screenshot({ path: testInfo.outputPath("lint-es.png") });
  await sales.locator("header").click();
  await expect(page.getByTestId("inspector")).toBeVisible();
  await expect(editor.field("Mensaje")).toHaveValue("Un asesor de ventas te escribe enseguida.");
  expect(await page.getByTestId("inspector").innerText()).not.toMatch(INTERNAL_ID);
});

test("putting a flow live: the publish dialog binds a number, the header says which numbers answer and when the draft differs, also after a rollback", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  const name = unique("En vivo e2e");
  const flowId = await flows.create(name, "business-hours");
  const editor = new EditorPage(page);
  await expect(page.getByTestId("header-channels")).toHaveText("Ningún número responde");
  await expect(page.getByTestId("draft-changed")).toHaveCount(0);

  const { channels } = (await (await page.request.get("/api/channels")).json()) as { channels: { id: string; name: string; sandbox: boolean; isDefault: boolean; flow: { id: string } | null }[] };
  const sandbox = channels.find((c) => c.sandbox && c.isDefault) ?? channels.find((c) => c.sandbox)!;
  const previousFlow = sandbox.flow?.id ?? null;
  try {
    // Publish, ticking the sandbox number: it answers with this flow from now on.
    await page.getByTestId("publish").click();
    const dialog = page.getByTestId("publish-dialog");
    await expect(dialog.getByTestId("publish-ok")).toBeVisible();
    const row = dialog.locator(`[data-testid="publish-channel"][data-channel-name="${sandbox.name}"]`);
    await row.getByRole("checkbox").check();
    await page.screenshot({ path: testInfo.outputPath("publish-dialog-es.png") });
    await dialog.getByTestId("publish-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(editor.activeVersion).toHaveText("Activa: v1");
    await expect(page.getByTestId("header-channels")).toContainText(`Responde en: ${sandbox.name}`);
    const bound = (await (await page.request.get(`/api/channels/${sandbox.id}`)).json()) as { channel: { flow: { id: string } | null } };
    expect(bound.channel.flow?.id).toBe(flowId);
    await expect(page.getByTestId("draft-changed")).toHaveCount(0);

    // An edit: the header says the draft is not what customers get.
    await editor.select(editor.node("handoff"));
    await editor.field("Mensaje al cliente (opcional)").fill("Te atiende una persona en un momento.");
    await editor.waitSaved();
    await expect(page.getByTestId("draft-changed")).toHaveText("Cambios sin publicar");
    await editor.publish("Texto nuevo");
    await expect(editor.activeVersion).toHaveText("Activa: v2");
    await expect(page.getByTestId("draft-changed")).toHaveCount(0);

    // Roll back to v1: the draft (v2's content) differs from the active version.
    await editor.openTab("history");
    await expect(editor.versionRow(1)).toContainText(/\d{2}:\d{2} (GMT|UTC|[A-Z]{3,4})/);
    await editor.versionRow(1).getByTestId("rollback").click();
    await page.getByTestId("confirm-history-action").click();
    await expect(editor.activeVersion).toHaveText("Activa: v1");
    await expect(page.getByTestId("draft-changed")).toHaveText("Cambios sin publicar");
    await page.screenshot({ path: testInfo.outputPath("header-after-rollback-es.png") });
  } finally {
    await page.request.put(`/api/channels/${sandbox.id}`, { data: { flowId: previousFlow } });
  }
});

test("the conflict dialog says 'another tab of yours' when the other save was your own", async ({ browser, page }) => {
  await new LoginPage(page).signInAs("editor");
  const flows = new FlowsPage(page);
  await flows.open();
  const flowId = await flows.create(unique("Dos pestañas e2e"));
  const first = new EditorPage(page);
  await page.getByTestId("palette-message").click();
  await first.field("Mensaje").fill("Primera pestaña");
  await first.waitSaved();

  const context = await browser.newContext({ storageState: await page.context().storageState(), viewport: { width: 1280, height: 720 }, locale: "es-ES" });
  const second = new EditorPage(await context.newPage());
  await second.open(flowId);
  await second.select(second.node("message"));
  await second.field("Mensaje").fill("Segunda pestaña");
  await second.waitSaved();

  await first.field("Mensaje").fill("Primera otra vez");
  const dialog = page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText("Guardaste este flujo en otra pestaña");
  await expect(page.getByTestId("conflict-description")).toContainText("Otra pestaña tuya");
  await expect(page.getByTestId("conflict-description")).not.toContainText("Eduardo");
  await context.close();
});
