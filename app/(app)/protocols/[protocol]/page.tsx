import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProtocolView } from "@/components/protocols/protocol-view";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { deskScope } from "@/lib/desk/access";
import { getConversationDetail } from "@/lib/desk/queries";
import { findProtocol } from "@/lib/desk/search";

export default async function ProtocolPage({ params }: { params: Promise<{ protocol: string }> }) {
  const actor = await requirePageRole("desk");
  const t = await getTranslations("protocols");
  const db = await getDb();
  const scope = await deskScope(db, actor);
  const { protocol } = await params;
  const id = /^\d{8}-\d{6}$/.test(protocol) ? await findProtocol(db, scope, protocol) : null;
  const detail = id ? await getConversationDetail(db, scope, id) : null;
  return (
    <>
      <PageHeader
        title={detail ? `${t("protocol")} ${detail.protocol}` : t("title")}
        actions={
          <Link href="/protocols" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeft className="size-4" />
            {t("backToSearch")}
          </Link>
        }
      />
      {detail ? <ProtocolView detail={detail} /> : <p className="p-6 text-sm text-muted-foreground" role="alert">{t("notFound")}</p>}
    </>
  );
}
