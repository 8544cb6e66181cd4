import { expect, type Locator, type Page } from "@playwright/test";

/** Analytics → Satisfaction (/analytics/satisfaction). */
export class SatisfactionPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("satisfaction");
  }

  async open() {
    await this.page.goto("/analytics/satisfaction");
    await expect(this.root).toBeVisible();
  }

  stat(name: "average" | "satisfied" | "response-rate" | "answered"): Locator {
    return this.page.getByTestId(`csat-${name}`);
  }

  get comments(): Locator {
    return this.page.getByTestId("csat-comments");
  }

  get agents(): Locator {
    return this.page.getByTestId("csat-agents");
  }
}
