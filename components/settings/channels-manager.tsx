"use client";

import { Check, Copy, Eye, EyeOff, Loader2, Pencil, Radio, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import type { ChannelSummary } from "@/lib/channels/admin";
import { useCrudList, useEditing, useRowAction } from "./crud";
import { ChannelCredentialsDialog } from "./channels-credentials-dialog";

export type ManagedChannel = Pick<ChannelSummary, "id" | "name" | "phoneNumberId" | "displayNumber" | "sandbox" | "isDefault" | "sendRatePerSecond" | "wabaId"> & {
  flowId: string | null;
  verifyToken: string;
  envManaged: boolean;
};

export type BindableFlow = { id: string; name: string; activeVersionNumber: number | null };

/** What PUT /api/channels/{id} answers, reduced to what this page shows. */
export type SavedChannel = Omit<ManagedChannel, "flowId" | "verifyToken" | "envManaged"> & { flow: { id: string } | null };

const NO_FLOW = "__none__";

export function ChannelsManager({ initialChannels, flows, webhookUrl }: { initialChannels: ManagedChannel[]; flows: BindableFlow[]; webhookUrl: string }) {
  const t = useTranslations("settings");
  const { rows: channels, setRows: setChannels } = useCrudList(initialChannels);
  const { existing: editing, setEditing, close } = useEditing<ManagedChannel>();

  function merge(saved: SavedChannel, verifyToken?: string) {
    setChannels((all) =>
      all.map((c) =>
        c.id === saved.id
          ? { ...c, ...saved, flowId: saved.flow?.id ?? null, verifyToken: verifyToken ?? c.verifyToken }
          : c,
      ),
    );
  }

  return (
    <section className="grid max-w-4xl gap-4">
      <p className="text-sm text-muted-foreground">{t("channelsDescription")}</p>
      {channels.length === 0 && <p className="rounded-lg border py-8 text-center text-sm text-muted-foreground">{t("noChannels")}</p>}
      {channels.map((channel) => (
        <ChannelCard key={channel.id} channel={channel} flows={flows} webhookUrl={webhookUrl} onSaved={merge} onEdit={() => setEditing(channel)} />
      ))}
      <ChannelCredentialsDialog
        key={editing?.id ?? "closed"}
        channel={editing}
        onClose={close}
        onSaved={(saved, verifyToken) => {
          merge(saved, verifyToken);
          close();
        }}
      />
    </section>
  );
}

function ChannelCard({
  channel,
  flows,
  webhookUrl,
  onSaved,
  onEdit,
}: {
  channel: ManagedChannel;
  flows: BindableFlow[];
  webhookUrl: string;
  onSaved: (saved: SavedChannel) => void;
  onEdit: () => void;
}) {
  const t = useTranslations("settings");
  const { busyId, run } = useRowAction<string>();
  const binding = busyId === channel.id;
  const bound = flows.find((f) => f.id === channel.flowId);

  async function bind(value: string) {
    const flowId = value === NO_FLOW ? null : value;
    if (flowId === channel.flowId) return;
    await run(
      channel.id,
      async () => {
        const { channel: saved } = await apiFetch<{ channel: SavedChannel }>(`/api/channels/${channel.id}`, { method: "PUT", json: { flowId } });
        onSaved(saved);
      },
      flowId ? t("flowBound", { flow: flows.find((f) => f.id === flowId)?.name ?? "" }) : t("flowUnbound"),
    );
  }

  const flowSelectId = `channel-flow-${channel.id}`;
  return (
    <Card data-testid={`channel-${channel.phoneNumberId}`}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <Radio className="size-4 text-muted-foreground" aria-hidden />
          {channel.name}
          {channel.sandbox ? <Badge variant="warning">{t("sandbox")}</Badge> : <Badge variant="success">{t("liveNumber")}</Badge>}
          {channel.isDefault && <Badge variant="outline">{t("defaultChannel")}</Badge>}
        </CardTitle>
        <CardDescription>
          {channel.displayNumber}
          {channel.sandbox && <span className="block text-xs">{t("sandboxHint")}</span>}
        </CardDescription>
        <CardAction>
          <Button variant="outline" size="sm" onClick={onEdit}>
            <Pencil />
            {t("editChannel")}
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {channel.envManaged && (
          <Alert>
            <TriangleAlert />
            <AlertDescription>{t("envManaged")}</AlertDescription>
          </Alert>
        )}
        <div className="grid gap-2">
          <label htmlFor={flowSelectId} className="text-sm font-medium">
            {t("boundFlow")}
          </label>
          <div className="flex items-center gap-2">
            <Select value={channel.flowId ?? NO_FLOW} onValueChange={bind} disabled={binding}>
              <SelectTrigger id={flowSelectId} className="w-80">
                <SelectValue placeholder={t("noFlow")} />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NO_FLOW}>{t("noFlow")}</SelectItem>
                {flows.map((flow) => (
                  <SelectItem key={flow.id} value={flow.id} disabled={flow.activeVersionNumber === null}>
                    {flow.activeVersionNumber === null
                      ? t("flowNotPublished", { flow: flow.name })
                      : t("flowWithVersion", { flow: flow.name, version: flow.activeVersionNumber })}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {binding && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label={t("binding")} />}
          </div>
          <p className="text-xs text-muted-foreground">{bound ? t("boundFlowHint") : t("noFlowHint")}</p>
        </div>
        <dl className="grid gap-3 text-sm sm:grid-cols-[13rem_1fr] sm:items-center">
          <dt className="font-medium">{t("phoneNumberId")}</dt>
          <dd className="font-mono text-xs">{channel.phoneNumberId}</dd>
          <dt className="font-medium">{t("webhookUrl")}</dt>
          <dd className="flex min-w-0 items-center gap-2">
            <code className="truncate rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="webhook-url">
              {webhookUrl}
            </code>
            <CopyButton value={webhookUrl} label={t("copyWebhookUrl")} />
          </dd>
          <dt className="font-medium">{t("verifyToken")}</dt>
          <dd>
            <SecretValue value={channel.verifyToken} />
          </dd>
          <dt className="font-medium">{t("sendRate")}</dt>
          <dd>{t("sendRateValue", { rate: channel.sendRatePerSecond })}</dd>
          <dt className="font-medium">{t("wabaId")}</dt>
          <dd className="font-mono text-xs" data-testid="channel-waba-id">
            {channel.wabaId ?? <span className="font-sans text-muted-foreground">{t("wabaIdMissing")}</span>}
          </dd>
        </dl>
        {!channel.sandbox && <p className="text-xs text-muted-foreground">{t("webhookHint")}</p>}
      </CardContent>
    </Card>
  );
}

function SecretValue({ value }: { value: string }) {
  const t = useTranslations("settings");
  const [revealed, setRevealed] = useState(false);
  if (!value) return <span className="text-muted-foreground">{t("notAvailable")}</span>;
  return (
    <span className="flex items-center gap-2">
      <code className="rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="verify-token">
        {revealed ? value : "•".repeat(Math.min(value.length, 24))}
      </code>
      <Button variant="ghost" size="icon" aria-pressed={revealed} aria-label={revealed ? t("hide") : t("reveal")} onClick={() => setRevealed((r) => !r)}>
        {revealed ? <EyeOff /> : <Eye />}
      </Button>
      <CopyButton value={value} label={t("copyVerifyToken")} />
    </span>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const tc = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={label}
      onClick={() =>
        navigator.clipboard.writeText(value).then(
          () => {
            setCopied(true);
            toast.success(tc("copied"));
            setTimeout(() => setCopied(false), 1500);
          },
          () => toast.error(tc("error")),
        )
      }
    >
      {copied ? <Check /> : <Copy />}
    </Button>
  );
}
