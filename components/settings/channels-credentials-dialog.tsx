"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { apiFetch } from "@/lib/api-client";
import type { ManagedChannel, SavedChannel } from "./channels-manager";
import { CrudDialog, DialogFormFooter, FormError, useFormSubmit } from "./crud";

const SECRET_FIELDS = ["verifyToken", "appSecret", "accessToken"] as const;

/** Channel settings and credentials. Secrets are write-only: a blank field keeps the stored value. */
export function ChannelCredentialsDialog({
  channel,
  onClose,
  onSaved,
}: {
  channel: ManagedChannel | null;
  onClose: () => void;
  onSaved: (saved: SavedChannel, verifyToken?: string) => void;
}) {
  const t = useTranslations("settings");
  const [sandbox, setSandbox] = useState(channel?.sandbox ?? true);
  const { pending, error, submit } = useFormSubmit();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!channel) return;
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const payload: Record<string, unknown> = {};
    for (const field of ["name", "displayNumber", "phoneNumberId"] as const) {
      if (text(field) !== channel[field]) payload[field] = text(field);
    }
    if (text("wabaId") !== (channel.wabaId ?? "")) payload.wabaId = text("wabaId") || null;
    const rate = Number(text("sendRatePerSecond"));
    if (rate !== channel.sendRatePerSecond) payload.sendRatePerSecond = rate;
    if (sandbox !== channel.sandbox) payload.sandbox = sandbox;
    for (const field of SECRET_FIELDS) if (text(field)) payload[field] = text(field);
    if (Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    await submit(async () => {
      const { channel: saved } = await apiFetch<{ channel: SavedChannel }>(`/api/channels/${channel.id}`, { method: "PUT", json: payload });
      toast.success(t("channelUpdated"));
      onSaved(saved, text("verifyToken") || undefined);
    });
  }

  return (
    <CrudDialog
      open={channel !== null}
      onClose={onClose}
      title={t("editChannel")}
      description={t("editChannelDescription")}
      className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-lg"
    >
      {channel && (
        <form onSubmit={onSubmit} className="grid gap-4">
          <div className="grid grid-cols-2 gap-4">
            <div className="grid gap-2">
              <Label htmlFor="channel-name">{t("name")}</Label>
              <Input id="channel-name" name="name" defaultValue={channel.name} required maxLength={80} />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="channel-display">{t("displayNumber")}</Label>
              <Input id="channel-display" name="displayNumber" defaultValue={channel.displayNumber} required maxLength={40} />
            </div>
          </div>
          <div className="grid grid-cols-2 gap-4">
            <div className="grid gap-2">
              <Label htmlFor="channel-phone-id">{t("phoneNumberId")}</Label>
              <Input
                id="channel-phone-id"
                name="phoneNumberId"
                defaultValue={channel.phoneNumberId}
                required
                inputMode="numeric"
                pattern="\d{5,30}"
                className="font-mono"
              />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="channel-rate">{t("sendRate")}</Label>
              <Input id="channel-rate" name="sendRatePerSecond" type="number" min={1} max={1000} defaultValue={channel.sendRatePerSecond} required />
            </div>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="channel-waba-id">{t("wabaId")}</Label>
            <Input id="channel-waba-id" name="wabaId" defaultValue={channel.wabaId ?? ""} inputMode="numeric" pattern="\d{5,30}" className="font-mono" aria-describedby="channel-waba-hint" />
            <p id="channel-waba-hint" className="text-xs text-muted-foreground">
              {t("wabaIdHint")}
            </p>
          </div>
          <fieldset className="grid gap-3 rounded-md border p-3">
            <legend className="px-1 text-sm font-medium">{t("credentials")}</legend>
            <p className="text-xs text-muted-foreground">{t("secretHint")}</p>
            {SECRET_FIELDS.map((field) => (
              <div key={field} className="grid gap-2">
                <Label htmlFor={`channel-${field}`}>{t(field)}</Label>
                <Input
                  id={`channel-${field}`}
                  name={field}
                  type="password"
                  autoComplete="off"
                  placeholder={t("secretUnchanged")}
                  className="font-mono"
                />
              </div>
            ))}
          </fieldset>
          <div className="flex items-start gap-3 text-sm">
            <Switch id="channel-sandbox" checked={sandbox} onCheckedChange={setSandbox} aria-describedby="channel-sandbox-hint" />
            <div className="grid gap-1">
              <Label htmlFor="channel-sandbox">{t("sandboxMode")}</Label>
              <p id="channel-sandbox-hint" className="text-xs text-muted-foreground">
                {t("sandboxModeHint")}
              </p>
            </div>
          </div>
          <FormError error={error} />
          <DialogFormFooter pending={pending} onCancel={onClose} />
        </form>
      )}
    </CrudDialog>
  );
}
