"use client";

import { useTranslations } from "next-intl";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { NodeOfType, NodeType } from "@/lib/flow/schema";
import { FieldFeedback, TextField } from "../inspector/fields";
import { useEditorStoreApi } from "../store";

/** What the inspector passes a node type's form. */
export type FormProps<T extends NodeType> = { node: NodeOfType<T> };

/** Edits one node's data as one undo step per field burst; option removals drop their edges. */
export function useUpdate<T extends NodeType>(node: NodeOfType<T>) {
  const { actions } = useEditorStoreApi();
  return (key: string, update: (data: NodeOfType<T>["data"]) => NodeOfType<T>["data"], structural = false) => {
    actions.updateNodeData<NodeOfType<T>>(node.id, update, structural ? undefined : `${node.id}:${key}`);
    if (structural) actions.pruneEdges(node.id);
  };
}

/** The step name every form starts with (shown on the card instead of the type). */
export function LabelField({ node }: { node: NodeOfType<NodeType> }) {
  const t = useTranslations("editor");
  const { actions } = useEditorStoreApi();
  return (
    <TextField
      label={t("inspector.label")}
      field="data.label"
      value={node.data.label}
      placeholder={t(`types.${node.type as NodeType}`)}
      hint={t("inspector.labelHint")}
      onChange={(label) => actions.updateNodeData(node.id, (d) => ({ ...d, label: label || undefined }), `${node.id}:label`)}
    />
  );
}

export function NumberInput({ label, field, value, onChange }: { label: string; field: string; value: number | undefined; onChange: (v: number | undefined) => void }) {
  return (
    <div className="grid gap-1.5">
      <Label className="text-xs" htmlFor={field}>
        {label}
      </Label>
      <Input
        id={field}
        type="number"
        className="h-8 text-sm"
        data-field={field}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
      <FieldFeedback field={field} />
    </div>
  );
}
