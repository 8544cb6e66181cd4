import { requireRole } from "@/lib/auth/guard";
import { listContacts } from "@/lib/contacts/search";
import { contactListQuerySchema } from "@/lib/contacts/schemas";
import { deskContext, parseInput, queryOf } from "@/lib/desk/guard";
import { handle } from "@/lib/errors/respond";

/** Contacts the caller may read: `?q=` words of name, phone or a field value, `tag=`, `field=`&`value=`, `channelId=`, `page=`. */
export async function GET(request: Request) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const query = parseInput(contactListQuerySchema, queryOf(request));
    return Response.json(await listContacts(db, scope, query));
  });
}
