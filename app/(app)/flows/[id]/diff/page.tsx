import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DiffViewer } from "@/components/flow-editor/diff-viewer";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";
import { flowForPage } from "@/lib/flow-editor/page-flow";
import { type DocumentRef, documentRefSchema } from "@/lib/flows/schemas";
import { resolveDocument } from "@/lib/flows/versions";
import { listQueues } from "@/lib/users/queries";

export default async function FlowDiffPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  await requirePageRole("flows");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const flow = await flowForPage(db, id);
  const from = documentRefSchema.safeParse(query.from ?? "active");
  const to = documentRefSchema.safeParse(query.to ?? "draft");
  if (!from.success || !to.success) redirect(`/flows/${id}`);
  const t = await getTranslations("editor");
  const load = async (ref: DocumentRef) => {
    try {
      return await resolveDocument(db, id, ref);
    } catch (error) {
      if (isAppError(error) && (error.code === "not_found" || error.code === "unprocessable")) return null;
      throw error;
    }
  };
  const [a, b] = await Promise.all([load(from.data), load(to.data)]);
  if (!a || !b) redirect(`/flows/${id}`);
  const label = (ref: typeof a.ref) => (ref.kind === "draft" ? t("history.draft") : t("history.versionN", { n: ref.number }));
  const queues = await listQueues(db);
  return (
    <DiffViewer
      flowId={id}
      flowName={flow.name}
      from={{ label: label(a.ref), document: a.document }}
      to={{ label: label(b.ref), document: b.document }}
      queues={queues.map(({ id: queueId, slug, name, isDefault }) => ({ id: queueId, slug, name, isDefault }))}
    />
  );
}
