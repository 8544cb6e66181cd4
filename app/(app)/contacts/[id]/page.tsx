import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ContactPage } from "@/components/contacts/contact-page";
import { WriteFirst } from "@/components/contacts/write-first";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listFields } from "@/lib/contacts/fields";
import { writeFirstData } from "@/lib/contacts/outreach/page-data";
import { getContact } from "@/lib/contacts/profile";
import { listTags } from "@/lib/contacts/tags";
import { getDb } from "@/lib/db";
import { deskScope } from "@/lib/desk/access";
import { isAppError } from "@/lib/errors/app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ContactDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole("contacts");
  const t = await getTranslations("contacts");
  const { id } = await params;
  const db = await getDb();
  let contact = null;
  if (UUID.test(id)) {
    try {
      contact = await getContact(db, await deskScope(db, actor), id);
    } catch (error) {
      if (!isAppError(error) || error.status !== 404) throw error;
    }
  }
  const [fields, tags, outreach] = await Promise.all([listFields(db), listTags(db), contact ? writeFirstData(db, actor, contact) : null]);
  return (
    <>
      <PageHeader
        title={contact?.name || (contact ? t("noName") : t("title"))}
        actions={
          <>
            <Link href="/contacts" className="text-sm text-primary hover:underline">
              {t("page.back")}
            </Link>
            {/* Writing first needs a queue of the user's to put the conversation in. */}
            {contact && outreach && outreach.queues.length > 0 && (
              <WriteFirst contact={JSON.parse(JSON.stringify(contact))} queues={outreach.queues} templates={outreach.templates} optOut={outreach.optOut} />
            )}
          </>
        }
      />
      {contact ? (
        <ContactPage initial={JSON.parse(JSON.stringify(contact))} fields={JSON.parse(JSON.stringify(fields))} tags={tags} />
      ) : (
        <p className="p-6 text-sm text-muted-foreground" role="alert">
          {t("page.notFound")}
        </p>
      )}
    </>
  );
}
