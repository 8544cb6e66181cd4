import type { Metadata } from "next";
import { FlowEditor } from "@/components/flow-editor/flow-editor";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { flowForPage } from "@/lib/flow-editor/page-flow";
import { listQueues } from "@/lib/users/queries";
import { listFields } from "@/lib/contacts/fields";

export const metadata: Metadata = { title: "Atendo" };

export default async function FlowEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageRole("flows");
  const { id } = await params;
  const db = await getDb();
  const [flow, queues, fields] = await Promise.all([flowForPage(db, id), listQueues(db), listFields(db)]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <FlowEditor
        flow={{
          id: flow.id,
          name: flow.name,
          draft: flow.draft,
          draftRevision: flow.draftRevision,
          activeVersion: flow.activeVersion ? { number: flow.activeVersion.number } : null,
          hasUnpublishedChanges: flow.hasUnpublishedChanges,
          channels: flow.channels,
        }}
        me={{ id: actor.userId, role: actor.role }}
        queues={queues.map(({ id: queueId, slug, name, isDefault }) => ({ id: queueId, slug, name, isDefault }))}
        contactFields={fields.map(({ key, label }) => ({ key, label }))}
      />
    </div>
  );
}
