"use client";

import { ArrowDown, ArrowUp, Braces, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { createContext, useContext, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

/** Characters as WhatsApp counts them (code points). */
export function charCount(text: string | undefined): number {
  if (!text) return 0;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export type FieldMessages = (field: string) => { errors: string[]; warnings: string[] };

export const InspectorContext = createContext<{ messages: FieldMessages; variables: () => string[] }>({
  messages: () => ({ errors: [], warnings: [] }),
  variables: () => [],
});

export function FieldFeedback({ field, id }: { field: string; id?: string }) {
  const { messages } = useContext(InspectorContext);
  const { errors, warnings } = messages(field);
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <div id={id} className="grid gap-0.5 text-xs" data-field-feedback={field}>
      {errors.map((m) => (
        <p key={m} className="text-destructive" role="alert">
          {m}
        </p>
      ))}
      {warnings.map((m) => (
        <p key={m} className="text-amber-700 dark:text-amber-400">
          {m}
        </p>
      ))}
    </div>
  );
}

export function Counter({ value, max }: { value: string | undefined; max: number }) {
  const n = charCount(value);
  return (
    <span className={cn("tabular-nums text-xs", n > max ? "font-semibold text-destructive" : "text-muted-foreground")} data-counter>
      {n}/{max}
    </span>
  );
}

/** Inserts `{{name}}` at the caret of the field it belongs to. */
export function VariablePicker({ onPick }: { onPick: (name: string) => void }) {
  const t = useTranslations("editor");
  const { variables } = useContext(InspectorContext);
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button type="button" variant="ghost" size="sm" className="h-6 gap-1 px-1.5 text-xs" aria-label={t("inspector.insertVariable")}>
          <Braces className="size-3.5" />
          {t("inspector.variable")}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-60 p-1">
        <p className="px-2 py-1 text-xs text-muted-foreground">{t("inspector.insertVariableHint")}</p>
        <div className="grid max-h-60 overflow-auto" role="listbox" aria-label={t("inspector.variables")}>
          {variables().map((name) => (
            <button
              key={name}
              type="button"
              role="option"
              aria-selected={false}
              className="rounded-sm px-2 py-1 text-left font-mono text-xs outline-none hover:bg-accent focus-visible:bg-accent"
              onClick={() => onPick(name)}
            >
              {`{{${name}}}`}
            </button>
          ))}
        </div>
      </PopoverContent>
    </Popover>
  );
}

export function TextField({
  label,
  field,
  value,
  onChange,
  max,
  multiline,
  rows = 3,
  placeholder,
  templates,
  mono,
  hint,
}: {
  label: string;
  field: string;
  value: string | undefined;
  onChange: (value: string) => void;
  max?: number;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  /** Offer the variable picker. */
  templates?: boolean;
  mono?: boolean;
  hint?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { messages } = useContext(InspectorContext);
  const invalid = messages(field).errors.length > 0;

  const insert = (name: string) => {
    const el = ref.current;
    const current = value ?? "";
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    onChange(current.slice(0, start) + token + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const common = {
    id,
    ref,
    value: value ?? "",
    placeholder,
    "data-field": field,
    "aria-invalid": invalid || undefined,
    "aria-describedby": `${id}-feedback`,
    className: cn(mono && "font-mono text-xs"),
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
  };

  return (
    <div className="grid gap-1.5">
      <div className="flex min-h-6 items-center justify-between gap-2">
        <Label htmlFor={id} className="text-xs">
          {label}
        </Label>
        <div className="flex items-center gap-1">
          {templates && <VariablePicker onPick={insert} />}
          {max !== undefined && <Counter value={value} max={max} />}
        </div>
      </div>
      {multiline ? <Textarea rows={rows} {...common} className={cn("min-h-16 resize-y text-sm", common.className)} /> : <Input {...common} className={cn("h-8 text-sm", common.className)} />}
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
      <FieldFeedback field={field} id={`${id}-feedback`} />
    </div>
  );
}

/** Move up / move down / remove for one item of a reorderable list. */
export function ItemControls({
  index,
  count,
  onMove,
  onRemove,
  label,
  minCount = 0,
}: {
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
  label: string;
  minCount?: number;
}) {
  const t = useTranslations("editor");
  return (
    <div className="flex items-center">
      <Button type="button" variant="ghost" size="icon" className="size-7" disabled={index === 0} onClick={() => onMove(index, index - 1)} aria-label={t("inspector.moveUp", { item: label })}>
        <ArrowUp className="size-3.5" />
      </Button>
      <Button type="button" variant="ghost" size="icon" className="size-7" disabled={index === count - 1} onClick={() => onMove(index, index + 1)} aria-label={t("inspector.moveDown", { item: label })}>
        <ArrowDown className="size-3.5" />
      </Button>
      <Button type="button" variant="ghost" size="icon" className="size-7 text-destructive" disabled={count <= minCount} onClick={onRemove} aria-label={t("inspector.remove", { item: label })}>
        <Trash2 className="size-3.5" />
      </Button>
    </div>
  );
}

export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const next = items.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function Section({ title, children, actions }: { title: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section className="grid gap-2">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}
