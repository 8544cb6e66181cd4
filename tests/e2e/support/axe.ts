import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2 A/AA rules the suite holds every page to. */
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core over the page as it is now: zero violations, each failure naming the rule and the elements (soft, so one run lists them all). */
export async function expectNoViolations(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")} ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`).join("\n")}`);
  expect.soft(report, `${name}: axe found ${violations.length} violation(s)\n${report.join("\n")}`).toEqual([]);
}
