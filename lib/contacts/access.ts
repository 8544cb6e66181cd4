import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DeskScope } from "@/lib/desk/access";
import { contacts } from "@/lib/db/schema";

/**
 * Which contacts a desk user may read (docs/contacts.md, "Who sees which contact"): admins
 * every contact; agents the customers of conversations they may work on — in one of their
 * queues, or held by them now or before (a resolved conversation keeps its assignee). That
 * is the desk's read rule for conversations lifted to their customers; a contact who never
 * reached an agent's queues answers 404.
 */
export function readableContactCondition(scope: DeskScope): SQL {
  if (scope.admin) return sql`true`;
  const parts: SQL[] = [];
  if (scope.queueIds.length) parts.push(sql`v.queue_id = any(${`{${scope.queueIds.join(",")}}`}::uuid[])`);
  if (scope.userId) parts.push(sql`v.assignee_id = ${scope.userId}::uuid`);
  if (parts.length === 0) return sql`false`;
  // conversations_contact_idx answers the lookup per contact.
  return sql`exists (select 1 from conversations v where v.contact_id = ${contacts.id} and (${sql.join(parts, sql` or `)}))`;
}
