"use client";

import { Loader2, Tag } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiError, apiFetch } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import type { ContactView, FieldDef, TagRef } from "./types";

type Issue = { path: string; message: string; reason?: string };

/**
 * A contact's profile fields and tags as a form: the desk's contact card and the contact page
 * both use it. Values are checked by the server against each field's kind; a refused value is
 * shown under its field and nothing is saved.
 */
export function ProfileEditor({
  contact,
  fields,
  tags,
  onSaved,
  compact = false,
}: {
  contact: ContactView;
  fields: FieldDef[];
  tags: TagRef[];
  onSaved?: (contact: ContactView) => void;
  compact?: boolean;
}) {
  const t = useTranslations("contacts");
  const formId = useId();
  const [values, setValues] = useState<Record<string, string>>(contact.fields);
  const [tagIds, setTagIds] = useState<string[]>(contact.tags.map((x) => x.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  useEffect(() => {
    setValues(contact.fields);
    setTagIds(contact.tags.map((x) => x.id));
    setErrors({});
  }, [contact]);

  const dirty = fields.some((f) => (values[f.key] ?? "") !== (contact.fields[f.key] ?? "")) || [...tagIds].sort().join() !== contact.tags.map((x) => x.id).sort().join();

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const changed = Object.fromEntries(fields.filter((f) => (values[f.key] ?? "") !== (contact.fields[f.key] ?? "")).map((f) => [f.key, values[f.key] ? values[f.key] : null]));
      const { contact: saved } = await apiFetch<{ contact: ContactView }>(`/api/contacts/${contact.id}`, { method: "PATCH", json: { fields: changed, tagIds } });
      toast.success(t("profile.saved"));
      onSaved?.(saved);
    } catch (error) {
      const issues = ((error as ApiError).body as { error?: { details?: { issues?: Issue[] } } } | undefined)?.error?.details?.issues ?? [];
      const byField: Record<string, string> = {};
      for (const issue of issues) {
        const key = issue.path.replace(/^fields\./, "");
        byField[key] = issue.reason && t.has(`problem.${issue.reason}`) ? t(`problem.${issue.reason}`) : issue.message;
      }
      setErrors(byField);
      toast.error(t("profile.notSaved"), { description: issues.length ? undefined : (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="grid gap-3" onSubmit={save} data-testid="profile-editor" aria-label={t("profile.title")}>
      {fields.length === 0 && <p className="text-xs text-muted-foreground">{t("profile.noFields")}</p>}
      <div className={cn("grid gap-2", !compact && "sm:grid-cols-2")}>
        {fields.map((f) => {
          const id = `${formId}-${f.key}`;
          const error = errors[f.key];
          const common = {
            id,
            value: values[f.key] ?? "",
            "aria-invalid": error ? true : undefined,
            "aria-describedby": error ? `${id}-error` : undefined,
            "data-field": f.key,
          };
          return (
            <div key={f.key} className="grid gap-1">
              <Label htmlFor={id} className="text-xs">
                {f.label}
              </Label>
              {f.kind === "choice" ? (
                <select
                  {...common}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                  className="h-8 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <option value="">{t("profile.none")}</option>
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <Input
                  {...common}
                  className="h-8"
                  type={f.kind === "date" ? "date" : "text"}
                  inputMode={f.kind === "number" ? "decimal" : f.kind === "email" ? "email" : undefined}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                />
              )}
              {error && (
                <p id={`${id}-error`} className="text-xs text-destructive" data-testid="field-error">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1 flex items-center gap-1 text-xs font-medium">
          <Tag className="size-3" />
          {t("profile.tags")}
        </legend>
        {tags.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t("profile.noTags")}</p>
        ) : (
          <div className="flex flex-wrap gap-1.5">
            {tags.map((tag) => {
              const on = tagIds.includes(tag.id);
              return (
                <button
                  key={tag.id}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setTagIds(on ? tagIds.filter((x) => x !== tag.id) : [...tagIds, tag.id])}
                  className={cn(
                    "rounded-full border px-2 py-0.5 text-xs outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    on ? "border-primary bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
                  )}
                >
                  {tag.name}
                </button>
              );
            })}
          </div>
        )}
      </fieldset>
      <div>
        <Button type="submit" size="sm" disabled={pending || !dirty}>
          {pending && <Loader2 className="animate-spin" />}
          {t("profile.save")}
        </Button>
      </div>
    </form>
  );
}

/** Loads the workspace's fields and tags and a contact, for the desk's card. */
export function useContactProfile(contactId: string | null) {
  const [state, setState] = useState<{ contact: ContactView; fields: FieldDef[]; tags: TagRef[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!contactId) return;
    let alive = true;
    setState(null);
    setError(null);
    Promise.all([
      apiFetch<{ contact: ContactView }>(`/api/contacts/${contactId}`),
      apiFetch<{ fields: FieldDef[] }>("/api/contacts/fields"),
      apiFetch<{ tags: TagRef[] }>("/api/contacts/tags"),
    ])
      .then(([c, f, tg]) => alive && setState({ contact: c.contact, fields: f.fields, tags: tg.tags }))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [contactId]);
  return { state, setState, error };
}
