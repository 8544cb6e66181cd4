import { randomInt } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { AnalyticsOverlayPage } from "./pages/analytics-overlay-page";
import { EditorPage } from "./pages/editor-page";
import { LoginPage } from "./pages/login-page";

// A flow of its own, published and bound to the sandbox number for the test, so the figures
// are exactly this test's traffic (the suite's other files share the server).
const DOCUMENT = {
  schemaVersion: 1,
  settings: { sessionTimeoutMinutes: 30, invalidInputMessage: "No entendí.", maxInvalidAttempts: 3, globalKeywords: [] },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    { id: "menu", type: "buttons", position: { x: 0, y: 140 }, data: { text: "¿Qué necesitas?", buttons: [{ id: "info", title: "Horarios" }, { id: "humano", title: "Hablar con alguien" }] } },
    { id: "info", type: "message", position: { x: -220, y: 420 }, data: { text: "Abrimos de 9 a 18." } },
    { id: "bye", type: "end", position: { x: -220, y: 620 }, data: { text: "¡Gracias!" } },
    { id: "human", type: "handoff", position: { x: 240, y: 420 }, data: { queue: "soporte", text: "Te atiende una persona. Protocolo {{protocol}}." } },
  ],
  edges: [
    { id: "e-start", source: "start", target: "menu" },
    { id: "e-info", source: "menu", sourceHandle: "info", target: "info" },
    { id: "e-bye", source: "info", target: "bye" },
    { id: "e-human", source: "menu", sourceHandle: "humano", target: "human" },
  ],
};

type SandboxMessage = { from: string; kind: string; text: string };

async function businessMessages(page: Page, phone: string): Promise<number> {
  const response = await page.request.get(`/api/sandbox/conversations?phone=${phone}`);
  if (!response.ok()) return 0;
  const { conversation } = (await response.json()) as { conversation: { messages: SandboxMessage[] } };
  return conversation.messages.filter((m) => m.from === "business").length;
}

test("an editor opens the Analytics overlay on a flow with traffic and sees the numbers on the nodes", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await new LoginPage(page).signInAs("editor");

  const created = await page.request.post("/api/flows", { data: { name: `Analítica e2e ${Date.now().toString(36)}`, document: DOCUMENT } });
  expect(created.ok(), await created.text()).toBe(true);
  const flowId = ((await created.json()) as { flow: { id: string } }).flow.id;
  const published = await page.request.post(`/api/flows/${flowId}/publish`, { data: { note: "e2e" } });
  expect(published.ok(), await published.text()).toBe(true);

  const { channels } = (await (await page.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean; isDefault: boolean; flow: { id: string } | null }[] };
  const sandbox = channels.find((c) => c.sandbox && c.isDefault) ?? channels.find((c) => c.sandbox)!;
  const previousFlow = sandbox.flow?.id ?? null;
  expect((await page.request.put(`/api/channels/${sandbox.id}`, { data: { flowId } })).ok()).toBe(true);
  // Four customers through the real webhook: two read the hours (contained), one asks for a
  // person after an invalid answer (handoff), one stays at the menu.
  const customers = Array.from({ length: 4 }, () => `54911${randomInt(10_000_000, 99_999_999)}`);
  try {
    const send = (phone: string, message: Record<string, unknown>) => page.request.post("/api/sandbox/send", { data: { phone, name: "Cliente", message } });
    const answered = async (phone: string, count: number) => expect.poll(() => businessMessages(page, phone), { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    for (const phone of customers) {
      expect((await send(phone, { type: "text", text: "hola" })).ok()).toBe(true);
      await answered(phone, 1);
    }
    for (const phone of customers.slice(0, 2)) {
      expect((await send(phone, { type: "button_reply", id: "info", title: "Horarios" })).ok()).toBe(true);
      await answered(phone, 3);
    }
    expect((await send(customers[2]!, { type: "text", text: "no sé" })).ok()).toBe(true);
    await answered(customers[2]!, 3);
    expect((await send(customers[2]!, { type: "button_reply", id: "humano", title: "Hablar con alguien" })).ok()).toBe(true);
    await answered(customers[2]!, 4);
  } finally {
    if (previousFlow) await page.request.put(`/api/channels/${sandbox.id}`, { data: { flowId: previousFlow } });
  }

  const editor = new EditorPage(page);
  await editor.open(flowId);
  const overlay = new AnalyticsOverlayPage(page);
  await overlay.open();
  await expect(page.getByTestId("overlay-started")).toHaveText("4 conversaciones");
  await expect(overlay.figures("start")).toHaveAttribute("data-visits", "4");
  await expect(overlay.figures("menu")).toContainText("4 visitas");
  await expect(overlay.figures("menu")).toContainText("100 %");
  // One invalid answer out of four taken at the menu.
  await expect(overlay.figures("menu")).toContainText("25 %");
  await expect(overlay.figures("info")).toContainText("2 visitas");
  await expect(overlay.figures("info")).toContainText("50 %");
  await expect(overlay.figures("human")).toContainText("1 visita");
  await expect(overlay.figures("bye")).toHaveAttribute("data-visits", "2");

  // A click on the menu: its numbers, and no transcript links for an editor.
  await overlay.node("human").click();
  await expect(overlay.panel).toBeVisible();
  await expect(overlay.panel).toContainText("Derivadas aquí");
  await expect(page.getByTestId("overlay-recent").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("overlay-recent").locator("a")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("analytics-overlay.png") });

  // Back to the draft, unchanged.
  await overlay.toggle.click();
  await expect(overlay.root).toHaveCount(0);
  await expect(editor.canvas).toBeVisible();

  // The Bot section: the same traffic in figures, the version's row, a CSV.
  await page.goto(`/analytics/bot?flowId=${flowId}`);
  const kpis = page.getByTestId("bot-kpis");
  await expect(kpis.locator('[data-kpi="started"]')).toHaveText("4");
  await expect(kpis.locator('[data-kpi="contained"]')).toHaveText("2");
  await expect(kpis.locator('[data-kpi="handedOff"]')).toHaveText("1");
  // Two contained of the three the bot is done with; one is still at the menu.
  await expect(kpis.locator('[data-kpi="containmentRate"]')).toHaveText("66,7 %");
  await expect(page.getByTestId("bot-versions").locator("tbody tr")).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("analytics-bot.png") });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Descargar CSV" }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^bot-versions-.*\.csv$/);

  // The customer handed off waits in "soporte": an agent takes and resolves the conversation,
  // so the suite's other files find the queue as they left it.
  const agent = await (await page.context().browser()!.newContext()).newPage();
  await new LoginPage(agent).signInAs("agent");
  const { conversation } = (await (await page.request.get(`/api/sandbox/conversations?phone=${customers[2]}`)).json()) as { conversation: { messages: SandboxMessage[] } };
  const protocol = /(\d{8}-\d{6})/.exec(conversation.messages.map((m) => m.text).join(" "))![1]!;
  const waiting = (await (await agent.request.get("/api/desk/conversations?status=queued&queue=soporte")).json()).conversations as { id: string; protocol: string }[];
  const handedOff = waiting.find((c) => c.protocol === protocol)!;
  for (const action of ["claim", "resolve"]) {
    expect((await agent.request.post(`/api/desk/conversations/${handedOff.id}/${action}`, { data: {} })).status(), action).toBeLessThan(300);
  }
  await agent.context().close();
});
