import type { Role } from "@/lib/auth/roles";

/**
 * The analytics page's sections and who opens each. Editors own the menus (bot figures);
 * admins supervise everything; agents see their own desk and satisfaction figures only
 * (the section's queries narrow to the agent).
 */
export const ANALYTICS_SECTIONS = [
  { key: "bot", href: "/analytics/bot", roles: ["admin", "editor"] },
  { key: "desk", href: "/analytics/desk", roles: ["admin", "agent"] },
  { key: "satisfaction", href: "/analytics/satisfaction", roles: ["admin", "agent"] },
] as const satisfies readonly { key: string; href: string; roles: readonly Role[] }[];

export type AnalyticsSection = (typeof ANALYTICS_SECTIONS)[number]["key"];

export function sectionsFor(role: Role) {
  return ANALYTICS_SECTIONS.filter((s) => (s.roles as readonly Role[]).includes(role));
}

export function canOpenSection(role: Role, key: AnalyticsSection): boolean {
  return sectionsFor(role).some((s) => s.key === key);
}
