import { ContactFieldsManager } from "@/components/contacts/fields-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { listFields } from "@/lib/contacts/fields";
import { listTags } from "@/lib/contacts/tags";
import { getDb } from "@/lib/db";

export default async function ContactFieldsSettingsPage() {
  await requirePageRole("settings");
  const db = await getDb();
  const [fields, tags] = await Promise.all([listFields(db), listTags(db)]);
  return <ContactFieldsManager initialFields={JSON.parse(JSON.stringify(fields))} initialTags={tags} />;
}
