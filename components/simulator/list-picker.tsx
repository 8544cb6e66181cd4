"use client";

import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { ChatList, ChatListRow } from "@/lib/sandbox/chat-message";
import { cn } from "@/lib/utils";

/** WhatsApp's list sheet: sections of rows with a radio each, then "Send". */
export function ListPicker({
  list,
  body,
  open,
  onOpenChange,
  onPick,
}: {
  list: ChatList;
  body: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (row: ChatListRow) => void;
}) {
  const t = useTranslations("simulator");
  const name = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const rows = list.sections.flatMap((s) => s.rows);
  const chosen = rows.find((r) => r.id === selected);

  function setOpen(next: boolean) {
    if (!next) setSelected(null);
    onOpenChange(next);
  }

  function pick(row: ChatListRow) {
    onPick(row);
    setOpen(false);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (chosen) pick(chosen);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent className="gap-0 overflow-hidden p-0 sm:max-w-sm" data-testid="list-picker">
        <DialogHeader className="border-b px-5 py-4">
          <DialogTitle className="text-center text-base">{list.buttonLabel}</DialogTitle>
          <DialogDescription className="line-clamp-2 text-center text-xs">{body}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit}>
          <div className="max-h-[55vh] overflow-y-auto py-2">
            {list.sections.map((section, si) => (
              <fieldset key={si} className="px-2 pb-1">
                {section.title && <legend className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-primary uppercase">{section.title}</legend>}
                {section.rows.map((row) => (
                  <label
                    key={row.id}
                    className={cn(
                      "flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2.5 transition-colors hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                      selected === row.id && "bg-accent",
                    )}
                  >
                    <span className="min-w-0 flex-1">
                      <span className="block text-sm font-medium">{row.title}</span>
                      {row.description && <span className="block text-xs text-muted-foreground">{row.description}</span>}
                    </span>
                    <input
                      type="radio"
                      name={name}
                      value={row.id}
                      checked={selected === row.id}
                      onChange={() => setSelected(row.id)}
                      onDoubleClick={() => pick(row)}
                      className="size-4 accent-[var(--primary)]"
                      aria-label={row.title}
                    />
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
          <DialogFooter className="border-t px-5 py-3">
            <Button type="submit" className="w-full" disabled={!chosen}>
              <Send />
              {t("sendChoice")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
