import { expect, type Locator, type Page } from "@playwright/test";

/** The write-first dialog: "New conversation" in the desk, "Start conversation" on a contact page. */
export class WriteFirstDialog {
  readonly root: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("dialog");
    this.preview = this.root.getByTestId("outreach-preview");
  }

  async chooseTemplate(option: RegExp) {
    await this.root.getByTestId("outreach-template").click();
    await this.page.getByRole("option", { name: option }).click();
  }

  /** Fills the template's variables in order (header, body, buttons), all of them. */
  async fillVariables(values: string[]) {
    const inputs = this.root.getByTestId("outreach-variables").getByRole("textbox");
    await expect(inputs).toHaveCount(values.length);
    for (const [i, value] of values.entries()) await inputs.nth(i).fill(value);
  }

  async send() {
    await this.root.getByTestId("outreach-send").click();
  }
}
