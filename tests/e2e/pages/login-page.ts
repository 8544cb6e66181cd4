import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "atendo-demo";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(path = "/login") {
    await this.page.goto(path);
  }

  /** `path`: the login page's URL, e.g. with a `callbackUrl`. */
  async signIn(email: string, password = DEMO_PASSWORD, path = "/login") {
    await this.goto(path);
    await this.page.locator("#email").fill(email);
    await this.page.locator("#password").fill(password);
    await this.page.locator('button[type="submit"]').click();
  }

  /** Signs in and waits for the signed-in shell. */
  async signInAs(role: "admin" | "editor" | "agent" | "agent2") {
    await this.signIn(`${role}@demo.atendo`);
    await expect(this.page.getByTestId("current-user")).toBeVisible();
  }

  get error() {
    return this.page.getByTestId("login-error");
  }
}
