import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Templates (Spanish UI, the e2e locale). */
export class TemplatesSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/templates");
    await expect(this.page.getByRole("link", { name: "Plantillas" })).toHaveAttribute("aria-current", "page");
  }

  async sync() {
    await this.page.getByTestId("templates-sync").click();
  }

  row(name: string, language?: string): Locator {
    return this.page.locator(`[data-testid="template-row"][data-name="${name}"]${language ? `[data-language="${language}"]` : ""}`);
  }

  status(name: string): Locator {
    return this.row(name).getByTestId("template-status");
  }

  /** Opens the create dialog; answers it. */
  async openCreate(): Promise<Locator> {
    await this.page.getByTestId("templates-new").click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
