"use client";

import { Shuffle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { randomCustomer, type SimulatedCustomer } from "@/lib/sandbox/random-customer";

/** A customer with a chosen number and name (e.g. to come back as a known contact). */
export function NewCustomerDialog({ open, onOpenChange, onCreate }: { open: boolean; onOpenChange: (open: boolean) => void; onCreate: (customer: SimulatedCustomer) => void }) {
  const t = useTranslations("simulator");
  const tc = useTranslations("common");
  const [draft, setDraft] = useState<SimulatedCustomer>(() => randomCustomer());
  const [touched, setTouched] = useState(false);
  const phone = draft.phone.replace(/[\s()+-]/g, "");
  const phoneValid = /^\d{8,15}$/.test(phone);
  const nameValid = draft.name.trim().length > 0 && draft.name.trim().length <= 60;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!phoneValid || !nameValid) return;
    onCreate({ phone, name: draft.name.trim() });
    onOpenChange(false);
    setDraft(randomCustomer());
    setTouched(false);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{t("customCustomerTitle")}</DialogTitle>
          <DialogDescription>{t("customCustomerDescription")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <div className="grid gap-2">
            <Label htmlFor="sim-phone">{t("phone")}</Label>
            <Input
              id="sim-phone"
              inputMode="tel"
              value={draft.phone}
              onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
              aria-invalid={touched && !phoneValid}
              aria-describedby="sim-phone-help"
              autoFocus
            />
            <p id="sim-phone-help" className={touched && !phoneValid ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
              {t("phoneHelp")}
            </p>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="sim-name">{t("name")}</Label>
            <Input id="sim-name" value={draft.name} maxLength={60} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-invalid={touched && !nameValid} />
            {touched && !nameValid && <p className="text-xs text-destructive">{t("nameRequired")}</p>}
          </div>
          <DialogFooter className="gap-2 sm:justify-between">
            <Button type="button" variant="ghost" onClick={() => setDraft(randomCustomer())}>
              <Shuffle />
              {t("randomize")}
            </Button>
            <div className="flex gap-2">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {tc("cancel")}
              </Button>
              <Button type="submit">{t("startChat")}</Button>
            </div>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
