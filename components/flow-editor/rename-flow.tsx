"use client";

import { Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";

/** The flow's name in the toolbar; click (or Enter on it) to rename in place. */
export function RenameFlow({ flowId, name, onRenamed }: { flowId: string; name: string; onRenamed: (name: string) => void }) {
  const t = useTranslations("editor");
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);

  async function commit() {
    setEditing(false);
    const next = value.trim();
    if (!next || next === name) {
      setValue(name);
      return;
    }
    try {
      await apiFetch(`/api/flows/${flowId}`, { method: "PATCH", json: { name: next } });
      onRenamed(next);
      toast.success(t("toolbar.renamed"));
    } catch (e) {
      setValue(name);
      toast.error((e as Error).message);
    }
  }

  if (editing) {
    return (
      <Input
        autoFocus
        data-native-undo
        value={value}
        maxLength={120}
        aria-label={t("toolbar.flowName")}
        className="h-8 w-56 text-sm font-semibold"
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.currentTarget.blur();
          if (e.key === "Escape") {
            setValue(name);
            setEditing(false);
          }
        }}
      />
    );
  }
  return (
    <button
      type="button"
      className="group flex min-w-0 max-w-64 items-center gap-1 rounded px-1 text-sm font-semibold outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
      onClick={() => {
        setValue(name);
        setEditing(true);
      }}
      title={t("toolbar.rename")}
      data-testid="flow-name"
    >
      <span className="truncate">{name}</span>
      <Pencil className="size-3 shrink-0 opacity-0 group-hover:opacity-60" aria-hidden />
    </button>
  );
}
