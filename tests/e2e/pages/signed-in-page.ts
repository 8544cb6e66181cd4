import type { Browser, Page } from "@playwright/test";
import { LoginPage } from "./login-page";

/** A page of a browser context of its own, signed in as a demo user (browser permissions optional, e.g. the microphone). */
export async function signedInPage(browser: Browser, role: "admin" | "agent" | "agent2" | "editor", permissions: string[] = []): Promise<Page> {
  const page = await (await browser.newContext(permissions.length ? { permissions } : {})).newPage();
  await new LoginPage(page).signInAs(role);
  return page;
}
