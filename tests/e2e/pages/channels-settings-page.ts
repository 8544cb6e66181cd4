import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Channels (Spanish UI, the e2e locale). */
export class ChannelsSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/channels");
    await expect(this.page.getByRole("link", { name: "Canales" })).toHaveAttribute("aria-current", "page");
  }

  card(phoneNumberId: string): Locator {
    return this.page.getByTestId(`channel-${phoneNumberId}`);
  }

  async bindFlow(phoneNumberId: string, optionName: string | RegExp) {
    await this.card(phoneNumberId).getByRole("combobox", { name: "Flujo que responde" }).click();
    await this.page.getByRole("option", { name: optionName }).click();
  }

  flowSelect(phoneNumberId: string): Locator {
    return this.card(phoneNumberId).getByRole("combobox", { name: "Flujo que responde" });
  }

  async revealVerifyToken(phoneNumberId: string) {
    await this.card(phoneNumberId).getByRole("button", { name: "Mostrar" }).click();
  }

  verifyToken(phoneNumberId: string): Locator {
    return this.card(phoneNumberId).getByTestId("verify-token");
  }

  async openEditor(phoneNumberId: string): Promise<Locator> {
    await this.card(phoneNumberId).getByRole("button", { name: "Editar canal" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Editar canal" });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
