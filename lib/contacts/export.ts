import "server-only";
import { toCsv } from "@/lib/analytics/csv";
import type { DeskScope } from "@/lib/desk/access";
import type { DbOrTx } from "@/lib/db/types";
import { listFields } from "./fields";
import type { ContactListQuery } from "./schemas";
import { listContacts } from "./search";

const EXPORT_PAGE = 200;
export const MAX_EXPORT_ROWS = 100_000;

/**
 * The contacts matching a search as CSV, in the import's format (phone, name, tags, one
 * column per field), with the spreadsheet formula guard of lib/analytics/csv.ts.
 */
export async function exportContacts(db: DbOrTx, scope: DeskScope, query: Omit<ContactListQuery, "page" | "pageSize">): Promise<string> {
  const fields = await listFields(db);
  const header = ["phone", "name", "tags", "channel", ...fields.map((f) => f.key)];
  const rows: string[][] = [];
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const result = await listContacts(db, scope, { ...query, page, pageSize: EXPORT_PAGE });
    for (const c of result.contacts) {
      rows.push([c.phone, c.name ?? "", c.tags.map((t) => t.name).join("|"), c.channelName, ...fields.map((f) => c.fields[f.key] ?? "")]);
    }
    if (result.contacts.length < EXPORT_PAGE) break;
  }
  return toCsv(header, rows);
}
