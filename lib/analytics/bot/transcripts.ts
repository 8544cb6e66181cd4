import { AREA_ROLES } from "@/lib/auth/roles";
import type { Role } from "@/lib/auth/roles";

/**
 * Whether the overlay may link a conversation to its transcript (/protocols/[protocol]): the
 * protocols area's roles. Editors see the figures, not what customers wrote.
 */
export function canReadTranscripts(role: Role): boolean {
  return (AREA_ROLES.desk as readonly Role[]).includes(role);
}
