import { expect, type Locator, type Page } from "@playwright/test";

/** The WhatsApp simulator (/simulator): a person plays the customer of the sandbox channel. */
export class SimulatorPage {
  readonly chat: Locator;
  readonly log: Locator;
  readonly composer: Locator;

  constructor(readonly page: Page) {
    this.chat = page.getByTestId("chat-panel");
    this.log = page.getByTestId("chat-log");
    this.composer = page.getByTestId("composer-input");
  }

  async open() {
    await this.page.goto("/simulator");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** Starts a chat as a new random customer; returns the customer's phone number. */
  async startNewCustomer(): Promise<string> {
    const before = this.page.url();
    await this.page.getByTestId("new-customer").click();
    await expect.poll(() => this.page.url()).not.toBe(before);
    const phone = new URL(this.page.url()).searchParams.get("phone");
    expect(phone).toMatch(/^\d{8,15}$/);
    await expect(this.page.getByTestId("customer-item").and(this.page.locator(`[data-phone="${phone}"]`))).toHaveAttribute("aria-current", "true");
    return phone!;
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await expect(this.customerMessages().filter({ hasText: text }).last()).toBeVisible();
  }

  customerMessages(): Locator {
    return this.log.locator('[data-testid="chat-message"][data-from="customer"]');
  }

  businessMessages(): Locator {
    return this.log.locator('[data-testid="chat-message"][data-from="business"]');
  }

  replyButton(title: string): Locator {
    return this.log.getByTestId("reply-button").filter({ hasText: title }).last();
  }

  async tapButton(title: string) {
    await this.replyButton(title).click();
  }

  async openList(label: string) {
    await this.log.getByTestId("list-button").filter({ hasText: label }).last().click();
    await expect(this.page.getByTestId("list-picker")).toBeVisible();
  }

  async pickListRow(title: string) {
    const picker = this.page.getByTestId("list-picker");
    await picker.getByRole("radio", { name: title }).check();
    await picker.getByRole("button", { name: /enviar|send/i }).click();
    await expect(picker).toBeHidden();
  }

  /**
   * Attaches a file as the customer would (the paperclip's file picker) and sends it with an
   * optional caption. Resolves once the file's bubble shows.
   */
  async sendFile(file: { name: string; mimeType: string; buffer: Buffer }, caption?: string) {
    await this.page.getByTestId("attach-file-input").setInputFiles(file);
    await expect(this.page.getByTestId("attachment-preview")).toContainText(file.name);
    if (caption) await this.composer.fill(caption);
    await this.page.getByTestId("composer-send").click();
    await expect(this.page.getByTestId("attachment-preview")).toBeHidden();
    await expect(this.customerMessages().last()).toHaveAttribute("data-kind", "media");
  }

  /** Picks a file that WhatsApp refuses: nothing is attached, the reason is shown. */
  async pickRefusedFile(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByTestId("attach-file-input").setInputFiles(file);
    await expect(this.page.getByTestId("attachment-preview")).toBeHidden();
  }

  /** The tick state of the customer's last message: sending | sent | read | failed. */
  lastCustomerTicks(): Locator {
    return this.customerMessages().last().locator("[data-status]");
  }
}
