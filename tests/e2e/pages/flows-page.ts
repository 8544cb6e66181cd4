import { expect, type Locator, type Page } from "@playwright/test";

export type TemplateChoice = "blank" | "faq-menu" | "order-status" | "lead-capture" | "business-hours";

/** The flows list (/flows): create, import, rename, duplicate, export, delete. */
export class FlowsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/flows");
    await expect(this.page.getByTestId("flows-page")).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="flow-row"][data-flow-name="${name}"]`);
  }

  rows(): Locator {
    return this.page.getByTestId("flow-row");
  }

  /** Creates a flow from the dialog and waits for its editor; returns the flow id. */
  async create(name: string, template: TemplateChoice = "blank"): Promise<string> {
    await this.page.getByTestId("new-flow").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByLabel("Nombre", { exact: true }).fill(name);
    await dialog.getByTestId(`template-${template}`).click();
    await dialog.getByTestId("create-flow").click();
    await this.page.waitForURL(/\/flows\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId("flow-editor")).toBeVisible();
    return this.page.url().split("/").pop()!;
  }

  async importFile(fileName: string, contents: string) {
    await this.page.getByTestId("import-input").setInputFiles({ name: fileName, mimeType: "application/json", buffer: Buffer.from(contents) });
  }

  get importError(): Locator {
    return this.page.getByTestId("import-error");
  }

  /** Opens a row's actions menu and waits until it is open. */
  async openActions(name: string) {
    const menu = this.page.getByRole("menu");
    // The previous action's menu may still be animating out. Opened meanwhile, a new menu
    // closes as soon as the old one hands the focus back to its trigger (and the old one's
    // items would match too).
    await expect(menu).toHaveCount(0);
    await this.row(name).getByTestId("flow-actions").click();
    await expect(menu).toBeVisible();
  }

  async delete(name: string) {
    await this.openActions(name);
    await this.page.getByRole("menuitem", { name: "Eliminar" }).click();
    const dialog = this.page.getByTestId("delete-dialog");
    await dialog.getByRole("button", { name: "Eliminar" }).click();
  }
}
