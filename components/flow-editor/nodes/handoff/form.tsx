"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { useEditorEnv } from "../../env";
import { FieldFeedback, TextField } from "../../inspector/fields";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

/** The `handoff` step in the inspector. */
export function HandoffForm({ node }: FormProps<"handoff">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const { queues } = useEditorEnv();
  const known = queues.some((q) => q.slug === node.data.queue);
  return (
    <>
      <LabelField node={node} />
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-queue`}>
          {t("inspector.queue")}
        </Label>
        <Select value={node.data.queue || undefined} onValueChange={(queue) => update("queue", (d) => ({ ...d, queue }), true)}>
          <SelectTrigger id={`${node.id}-queue`} className="h-8 w-full" data-field="data.queue">
            <SelectValue placeholder={t("inspector.pickQueue")} />
          </SelectTrigger>
          <SelectContent>
            {!known && node.data.queue && <SelectItem value={node.data.queue}>{node.data.queue}</SelectItem>}
            {queues.map((q) => (
              <SelectItem key={q.slug} value={q.slug}>
                {q.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <FieldFeedback field="data.queue" />
      </div>
      <TextField label={t("inspector.handoffText")} field="data.text" value={node.data.text} max={L.textBody} multiline templates onChange={(text) => update("text", (d) => ({ ...d, text: text || undefined }))} />
      <TextField label={t("inspector.agentNote")} field="data.note" value={node.data.note} multiline rows={2} templates hint={t("inspector.agentNoteHint")} onChange={(note) => update("note", (d) => ({ ...d, note: note || undefined }))} />
    </>
  );
}
