import { getTranslations } from "next-intl/server";
import { ContactsList } from "@/components/contacts/contacts-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listFields } from "@/lib/contacts/fields";
import { listContacts } from "@/lib/contacts/search";
import { listTags } from "@/lib/contacts/tags";
import { getDb } from "@/lib/db";
import { deskScope } from "@/lib/desk/access";

export default async function ContactsPage() {
  const actor = await requirePageRole("contacts");
  const t = await getTranslations("contacts");
  const db = await getDb();
  const [page, fields, tags] = await Promise.all([listContacts(db, await deskScope(db, actor), { page: 1, pageSize: 25 }), listFields(db), listTags(db)]);
  return (
    <>
      <PageHeader title={t("title")} description={actor.role === "admin" ? t("descriptionAdmin") : t("descriptionAgent")} />
      <ContactsList initial={JSON.parse(JSON.stringify(page))} fields={JSON.parse(JSON.stringify(fields))} tags={tags} admin={actor.role === "admin"} />
    </>
  );
}
