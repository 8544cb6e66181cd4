export const ROLES = ["admin", "editor", "agent"] as const;
export type Role = (typeof ROLES)[number];

/** Who may open each area; the desk is for agents, supervisors (admins) and nobody else. */
export const AREA_ROLES = {
  flows: ["admin", "editor"],
  // Each analytics section narrows this (lib/analytics/sections.ts): agents see only their own desk figures.
  analytics: ["admin", "editor", "agent"],
  desk: ["admin", "agent"],
  // Agents see the contacts of conversations they may read (lib/contacts/access.ts).
  contacts: ["admin", "agent"],
  simulator: ["admin", "editor", "agent"],
  settings: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

export function canAccess(role: Role, area: Area): boolean {
  return (AREA_ROLES[area] as readonly Role[]).includes(role);
}
