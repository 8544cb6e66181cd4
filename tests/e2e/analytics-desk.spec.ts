import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, } from "@playwright/test";
import { AnalyticsDeskPage } from "./pages/analytics-desk-page";
import { SimulatorPage } from "./pages/simulator-page";
import { signedInPage } from "./pages/signed-in-page";

test("an admin reads the desk figures (KPIs, charts, queues, SLA) and downloads a CSV", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const admin = await signedInPage(browser, "admin");
  // The first-response target, set in the queue settings.
  await admin.goto("/settings/queues");
  await admin.getByRole("button", { name: /Editar cola: Soporte/ }).click();
  await admin.getByLabel("Objetivo de primera respuesta (minutos)").fill("15");
  await admin.screenshot({ path: testInfo.outputPath("settings-queue-sla.png") });
  await admin.getByRole("button", { name: "Guardar" }).click();
  await expect(admin.getByTestId("queue-row-soporte")).toContainText("15 min");
  const soporte = ((await (await admin.request.get("/api/desk/queues")).json()).queues as { id: string; slug: string; slaFirstResponseMinutes: number }[]).find(
    (q) => q.slug === "soporte",
  )!;
  expect(soporte.slaFirstResponseMinutes).toBe(15);

  // A customer asks for a person in the simulator; Alicia claims, answers and resolves.
  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.open();
  await customer.startNewCustomer();
  await customer.send("agente");
  const handoff = customer.businessMessages().filter({ hasText: /\d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;
  const alicia = await signedInPage(browser, "agent");
  const waiting = (await (await alicia.request.get("/api/desk/conversations?status=queued&queue=soporte")).json()).conversations as { id: string; protocol: string }[];
  const conversation = waiting.find((c) => c.protocol === protocol)!;
  expect(conversation).toBeTruthy();
  for (const [action, data] of [
    ["claim", {}],
    ["reply", { text: "Hola, soy Alicia. ¿En qué te ayudo?" }],
    ["resolve", {}],
  ] as const) {
    expect((await alicia.request.post(`/api/desk/conversations/${conversation.id}/${action}`, { data })).status(), action).toBeLessThan(300);
  }

  // The page shows what the API says for the same range (other specs share this server's data).
  const desk = new AnalyticsDeskPage(admin);
  await desk.open();
  await desk.choosePreset("7 días");
  const params = new URL((await desk.page.getByTestId("csv-queues").getAttribute("href"))!, "http://x").searchParams;
  params.delete("format");
  params.delete("table");
  const expected = await (await admin.request.get(`/api/analytics/desk?${params}`)).json();
  expect(expected.totals.conversations).toBeGreaterThanOrEqual(1);
  expect(expected.totals.resolved).toBeGreaterThanOrEqual(1);
  await expect(desk.kpi("conversations")).toHaveText(String(expected.totals.conversations));
  await expect(desk.kpi("resolved")).toHaveText(String(expected.totals.resolved));
  await expect(desk.queuesTable.getByRole("row", { name: /Soporte/ })).toContainText(String(expected.queues.find((q: { id: string }) => q.id === soporte.id).resolved));
  await expect(desk.slaQueues.getByRole("row", { name: /Soporte/ })).toContainText("15 min");
  await expect(desk.volumeChart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(desk.heatmap).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath("analytics-desk-1280x720.png") });
  // WCAG 2 AA, as the other main pages (tests/e2e/accessibility.spec.ts).
  const { violations } = await new AxeBuilder({ page: admin }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  // The shell scrolls inside <main>: one screenshot per part of the page, as a person sees it.
  await desk.heatmap.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: testInfo.outputPath("analytics-desk-charts.png") });
  await desk.queuesTable.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: testInfo.outputPath("analytics-desk-tables.png") });
  await desk.slaQueues.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: testInfo.outputPath("analytics-desk-sla.png") });

  // The queues table as CSV: an attachment with the same figures.
  const download = await desk.downloadCsv("csv-queues");
  expect(download.suggestedFilename()).toMatch(/^desk-queues-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^queue_id,queue,sla_minutes,conversations,answered,resolved,/);
  expect(lines.find((l) => l.startsWith(`${soporte.id},Soporte,15,`))).toBeTruthy();
  expect(lines.at(-1)).toMatch(new RegExp(`^,\\(all\\),,${expected.totals.conversations},`));

  // An agent sees the section narrowed to their own figures, without the agent filter.
  await alicia.goto("/analytics/desk");
  await expect(alicia.getByTestId("desk-analytics")).toBeVisible();
  await expect(alicia.getByTestId("desk-agent-filter")).toHaveCount(0);
  await expect(alicia.getByTestId("kpi-resolved-value")).not.toHaveText("0");
  await alicia.screenshot({ path: testInfo.outputPath("analytics-desk-agent.png") });
});
