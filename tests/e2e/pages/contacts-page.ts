import { expect, type Locator, type Page } from "@playwright/test";

/** A contact's profile form (the desk's contact card and the contact page share it). */
export class ProfileForm {
  constructor(readonly root: Locator) {}

  field(key: string): Locator {
    return this.root.locator(`[data-field="${key}"]`);
  }

  async set(key: string, value: string) {
    await this.field(key).fill(value);
  }

  async save() {
    await this.root.getByRole("button", { name: /guardar ficha|save profile|salvar ficha/i }).click();
  }

  errors(): Locator {
    return this.root.getByTestId("field-error");
  }
}

/** The contacts import (/contacts/import): channel, file, preview, confirm. */
export class ContactsImportPage {
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.preview = page.getByTestId("import-preview");
  }

  async open() {
    await this.page.goto("/contacts/import");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  async choose(name: string, csv: string) {
    await this.page.getByTestId("import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(this.preview).toBeVisible({ timeout: 20_000 });
    await expect(this.preview).toContainText(name);
  }

  row(line: number): Locator {
    return this.preview.locator(`[data-testid="import-row"][data-line="${line}"]`);
  }
}

/** One contact's page (/contacts/{id}): profile, conversations and "Start conversation". */
export class ContactDetailPage {
  readonly writeFirst: Locator;
  readonly conversations: Locator;

  constructor(readonly page: Page) {
    this.writeFirst = page.getByTestId("write-first");
    this.conversations = page.getByTestId("contact-conversations");
  }

  /** From the contacts list, as a person finds a customer: searched by phone. Returns the page's URL. */
  async openByPhone(phone: string): Promise<string> {
    await this.page.goto("/contacts");
    await this.page.getByTestId("contacts-search").fill(`+${phone}`);
    await expect(this.page.getByTestId("contact-row")).toHaveCount(1);
    await this.page.getByTestId("contact-row").getByRole("link").click();
    await expect(this.page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect(this.writeFirst).toBeVisible();
    return this.page.url();
  }
}
