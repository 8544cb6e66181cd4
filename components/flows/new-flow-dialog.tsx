"use client";

import { FilePlus2, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { apiFetch } from "@/lib/api-client";
import { FLOW_TEMPLATES, type TemplateLocale } from "@/lib/flow-templates";
import { cn } from "@/lib/utils";

const CHOICES = ["blank", ...FLOW_TEMPLATES.map((t) => t.id)] as const;

/** New flow: a name and a starting point (blank, or a template in the UI language). */
export function NewFlowDialog({
  open,
  onOpenChange,
  queues,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  queues: { slug: string; name: string; isDefault: boolean }[];
}) {
  const t = useTranslations("flows");
  const tc = useTranslations("common");
  const locale = useLocale() as TemplateLocale;
  const router = useRouter();
  const [choice, setChoice] = useState<(typeof CHOICES)[number]>("blank");
  const [pending, setPending] = useState(false);

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    const support = queues.find((q) => q.slug === "soporte")?.slug ?? queues.find((q) => q.isDefault)?.slug ?? queues[0]?.slug ?? "";
    const sales = queues.find((q) => q.slug === "ventas")?.slug ?? support;
    const template = FLOW_TEMPLATES.find((x) => x.id === choice);
    setPending(true);
    try {
      const { flow } = await apiFetch<{ flow: { id: string } }>("/api/flows", {
        method: "POST",
        json: { name, ...(template ? { document: template.build({ locale, queues: { support, sales } }) } : {}) },
      });
      toast.success(t("created"));
      router.push(`/flows/${flow.id}`);
    } catch (e) {
      toast.error((e as Error).message);
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <DialogContent className="sm:max-w-xl">
        <form onSubmit={create} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{t("newFlow")}</DialogTitle>
            <DialogDescription>{t("newFlowBody")}</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor="new-flow-name">{t("name")}</Label>
            <Input id="new-flow-name" name="name" required maxLength={120} autoFocus placeholder={t("namePlaceholder")} />
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">{t("startFrom")}</legend>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2" role="radiogroup">
              {CHOICES.map((id) => (
                <label
                  key={id}
                  className={cn(
                    "flex cursor-pointer gap-2 rounded-md border p-3 text-sm transition-colors hover:bg-accent has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                    choice === id && "border-primary bg-accent",
                  )}
                  data-testid={`template-${id}`}
                >
                  <input type="radio" name="template" value={id} checked={choice === id} onChange={() => setChoice(id)} className="mt-0.5 accent-primary" />
                  <span>
                    <span className="block font-medium">{t(`templates.${id}.title`)}</span>
                    <span className="block text-xs text-muted-foreground">{t(`templates.${id}.description`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={pending} data-testid="create-flow">
              {pending ? <Loader2 className="animate-spin" /> : <FilePlus2 />}
              {tc("create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
