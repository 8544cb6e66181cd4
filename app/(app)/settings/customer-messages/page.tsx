import { CustomerMessagesEditor } from "@/components/desk/settings/customer-messages-editor";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { getCustomerMessages } from "@/lib/desk/admin/customer-messages";

export default async function CustomerMessagesSettingsPage() {
  await requirePageRole("settings");
  return <CustomerMessagesEditor initial={await getCustomerMessages(await getDb())} />;
}
