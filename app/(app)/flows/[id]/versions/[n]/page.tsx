import { redirect } from "next/navigation";
import { VersionViewer } from "@/components/flow-editor/version-viewer";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";
import { flowForPage } from "@/lib/flow-editor/page-flow";
import { getVersion } from "@/lib/flows/versions";
import { listQueues } from "@/lib/users/queries";

export default async function FlowVersionPage({ params }: { params: Promise<{ id: string; n: string }> }) {
  await requirePageRole("flows");
  const { id, n } = await params;
  const db = await getDb();
  const flow = await flowForPage(db, id);
  const number = Number(n);
  if (!Number.isInteger(number) || number < 1) redirect(`/flows/${id}`);
  const version = await getVersion(db, id, number).catch((error) => {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  });
  if (!version) redirect(`/flows/${id}`);
  const queues = await listQueues(db);
  return (
    <VersionViewer
      flowId={id}
      flowName={flow.name}
      queues={queues.map(({ id: queueId, slug, name, isDefault }) => ({ id: queueId, slug, name, isDefault }))}
      version={{
        number: version.number,
        note: version.note,
        author: version.author?.name ?? null,
        createdAt: version.createdAt.toISOString(),
        active: version.active,
        document: version.document,
      }}
    />
  );
}
