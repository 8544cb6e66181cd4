import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/contacts/import-wizard";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listFields } from "@/lib/contacts/fields";
import { getDb } from "@/lib/db";
import { channels } from "@/lib/db/schema";

export default async function ContactsImportPage() {
  await requirePageRole("settings");
  const t = await getTranslations("contacts");
  const db = await getDb();
  const [channelRows, fields] = await Promise.all([db.select({ id: channels.id, name: channels.name, displayNumber: channels.displayNumber, isDefault: channels.isDefault }).from(channels), listFields(db)]);
  return (
    <>
      <PageHeader title={t("import.title")} description={t("import.description")} />
      <ImportWizard channels={channelRows} fieldKeys={fields.map((f) => f.key)} />
    </>
  );
}
