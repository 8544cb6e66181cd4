import { getTranslations } from "next-intl/server";
import { ProtocolSearch } from "@/components/protocols/protocol-search";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { deskScope } from "@/lib/desk/access";
import { searchProtocols } from "@/lib/desk/search";
import { toStorableText } from "@/lib/text/storable";

export default async function ProtocolsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requirePageRole("desk");
  const t = await getTranslations("protocols");
  const db = await getDb();
  // A search term is not stored: one PostgreSQL cannot take (a NUL byte) is repaired, not a 500.
  const q = toStorableText((await searchParams).q ?? "").slice(0, 100);
  const results = await searchProtocols(db, await deskScope(db, actor), q, 50);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ProtocolSearch initialQuery={q} initialResults={results} />
    </>
  );
}
