import { getTranslations } from "next-intl/server";
import { normalizeRow } from "@/components/flows/flow-row";
import { FlowsManager } from "@/components/flows/flows-manager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listFlows } from "@/lib/flows/queries";
import { listQueues } from "@/lib/users/queries";

export default async function FlowsPage({ searchParams }: { searchParams: Promise<{ missing?: string }> }) {
  await requirePageRole("flows");
  const t = await getTranslations("flows");
  const db = await getDb();
  const [flows, queues, { missing }] = await Promise.all([listFlows(db), listQueues(db), searchParams]);
  return (
    <>
      <PageHeader title={t("title")} />
      <FlowsManager
        initialFlows={flows.map(normalizeRow)}
        queues={queues.map(({ slug, name, isDefault }) => ({ slug, name, isDefault }))}
        missingFlow={missing !== undefined}
      />
    </>
  );
}
