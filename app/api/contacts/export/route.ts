import { csvResponse } from "@/lib/analytics/csv";
import { requireRole } from "@/lib/auth/guard";
import { exportContacts } from "@/lib/contacts/export";
import { contactListQuerySchema } from "@/lib/contacts/schemas";
import { deskContext, parseInput, queryOf } from "@/lib/desk/guard";
import { handle } from "@/lib/errors/respond";

/** The contacts matching the list's filters as CSV (admins: the whole address book leaves with it). */
export async function GET(request: Request) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin"], request));
    const { page: _page, pageSize: _size, ...query } = parseInput(contactListQuerySchema, queryOf(request));
    return csvResponse("contacts.csv", await exportContacts(db, scope, query));
  });
}
