import { expect, type Locator, type Page } from "@playwright/test";

/** The agents' desk (/desk): lists on the left, the conversation in the middle, the customer on the right. */
export class DeskPage {
  readonly conversation: Locator;
  readonly transcript: Locator;
  readonly composer: Locator;
  readonly contactCard: Locator;

  constructor(readonly page: Page) {
    this.conversation = page.getByTestId("conversation");
    this.transcript = this.conversation.getByTestId("transcript");
    this.composer = page.getByTestId("composer-input");
    this.contactCard = page.getByTestId("contact-card");
  }

  async open() {
    await this.page.goto("/desk");
    await expect(this.page.getByTestId("desk")).toBeVisible();
    // Live: the event stream is connected.
    await expect(this.page.getByRole("status", { name: /en vivo|live|ao vivo/i })).toBeVisible();
  }

  async showTab(tab: "mine" | "waiting" | "closed") {
    await this.page.getByTestId(`tab-${tab}`).click();
    await expect(this.page.getByTestId(`list-${tab}`)).toBeVisible();
  }

  item(protocol: string): Locator {
    return this.page.locator(`[data-testid="conversation-item"][data-protocol="${protocol}"]`);
  }

  async openConversation(protocol: string) {
    await this.item(protocol).click();
    await expect(this.conversation).toHaveAttribute("data-protocol", protocol);
  }

  async claim() {
    await this.conversation.getByTestId("claim").click();
    await expect(this.conversation).toHaveAttribute("data-status", "assigned");
  }

  async reply(text: string) {
    await this.page.getByTestId("mode-reply").click();
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await expect(this.transcript.getByTestId("message-outbound").filter({ hasText: text }).last()).toBeVisible();
  }

  /**
   * Sends a file as an agent: the paperclip's file picker, the preview with an optional
   * caption, Enter. Resolves once the preview is gone (the server accepted it).
   */
  async sendFile(file: { name: string; mimeType: string; buffer: Buffer }, caption?: string) {
    await this.page.getByTestId("mode-reply").click();
    await this.page.getByTestId("attach-input").setInputFiles(file);
    const preview = this.page.getByTestId("attachment-preview");
    await expect(preview).toContainText(file.name);
    if (caption !== undefined) {
      const input = preview.getByTestId("attachment-caption");
      await expect(input).toBeFocused();
      await input.fill(caption);
      await input.press("Enter");
    } else {
      await preview.getByTestId("attachment-send").click();
    }
    await expect(preview).toBeHidden({ timeout: 30_000 });
  }

  async note(text: string) {
    await this.page.getByTestId("mode-note").click();
    await this.composer.fill(text);
    await this.page.getByTestId("composer-send").click();
    await expect(this.transcript.getByTestId("message-note").filter({ hasText: text })).toBeVisible();
  }

  async transferToAgent(agentName: string, note: string) {
    await this.conversation.getByTestId("transfer").click();
    const form = this.page.getByTestId("transfer-form");
    await form.getByTestId("transfer-agent").click();
    await this.page.getByRole("option", { name: new RegExp(agentName) }).click();
    await form.getByTestId("transfer-note").fill(note);
    await form.getByTestId("transfer-submit").click();
    await expect(form).toBeHidden();
  }

  async resolve(closingMessage?: string) {
    await this.conversation.getByTestId("resolve").click();
    const form = this.page.getByTestId("resolve-form");
    if (closingMessage !== undefined) await form.getByTestId("resolve-message").fill(closingMessage);
    await form.getByTestId("resolve-submit").click();
    await expect(form).toBeHidden();
  }
}
