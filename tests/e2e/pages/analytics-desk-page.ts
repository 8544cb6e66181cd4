import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** Analytics → Desk (/analytics/desk): range, filters, KPI cards, charts, tables, SLA, CSV buttons. */
export class AnalyticsDeskPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("desk-analytics");
  }

  async open() {
    await this.page.goto("/analytics/desk");
    await expect(this.root).toBeVisible();
    await expect(this.kpi("conversations")).toBeVisible();
  }

  kpi(id: "conversations" | "resolved" | "transferred" | "backlog" | "wait" | "first-response" | "handling" | "sla"): Locator {
    return this.page.getByTestId(`kpi-${id}-value`);
  }

  async choosePreset(label: string | RegExp) {
    await this.root.getByRole("group").getByRole("button", { name: label }).click();
  }

  get queuesTable(): Locator {
    return this.page.getByTestId("desk-queues-table");
  }

  get slaQueues(): Locator {
    return this.page.getByTestId("desk-sla-queues");
  }

  get heatmap(): Locator {
    return this.page.getByTestId("desk-heatmap");
  }

  get volumeChart(): Locator {
    return this.page.getByTestId("desk-volume-chart");
  }

  /** Clicks a CSV button and waits for the browser's download. */
  async downloadCsv(testId: "csv-queues" | "csv-agents" | "csv-daily" | "csv-heatmap" | "csv-sla" | "csv-breaches"): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId(testId).click()]);
    return download;
  }
}
