import { expect, type Locator, type Page } from "@playwright/test";

/** The flow editor's Analytics overlay: a version's figures on a read-only canvas. */
export class AnalyticsOverlayPage {
  readonly toggle: Locator;
  readonly root: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByTestId("analytics-toggle");
    this.root = page.getByTestId("analytics-overlay");
    this.panel = page.getByTestId("overlay-node-panel");
  }

  async open() {
    await this.toggle.click();
    await expect(this.root).toBeVisible();
    await expect(this.root.locator(".react-flow__node").first()).toBeVisible();
  }

  /** The figures strip on a node's card. */
  figures(nodeId: string): Locator {
    return this.root.getByTestId(`node-figures-${nodeId}`);
  }

  node(nodeId: string): Locator {
    return this.root.getByTestId(`node-${nodeId}`);
  }

}
