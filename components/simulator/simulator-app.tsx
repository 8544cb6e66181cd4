"use client";

import { ChevronDown, Info, MessageSquarePlus, Radio, RefreshCw, UserRoundPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import { formatPhone, randomCustomer, type SimulatedCustomer } from "@/lib/sandbox/random-customer";
import { cn } from "@/lib/utils";
import { ChatPanel } from "./chat-panel";
import { CustomerAvatar, CustomerList, type CustomerSummary } from "./customer-list";
import { NewCustomerDialog } from "./new-customer-dialog";
import { useSandboxChat } from "./use-sandbox-chat";
import { useSandboxLive } from "./use-sandbox-live";
import { useSimulatedContacts } from "./use-simulated-contacts";

export type SimulatorChannel = { phoneNumberId: string; name: string; displayNumber: string; flowName: string | null };

/** Where a location "sent" by the simulated customer points (São Paulo's Paulista Avenue). */
const SAMPLE_LOCATION = { latitude: -23.5614, longitude: -46.6559, name: "Av. Paulista, 1578" };

export function SimulatorApp({ channels, businessName }: { channels: SimulatorChannel[]; businessName: string }) {
  const t = useTranslations("simulator");
  const pathname = usePathname();
  const params = useSearchParams();
  const channel = channels.find((c) => c.phoneNumberId === params.get("channel")) ?? channels[0]!;
  const phoneNumberId = channel.phoneNumberId;
  const { contacts, stored, add, addMany, remove } = useSimulatedContacts(phoneNumberId);
  const [summaries, setSummaries] = useState<Map<string, CustomerSummary>>(new Map());
  const [summariesLoaded, setSummariesLoaded] = useState(false);
  const [customDialog, setCustomDialog] = useState(false);

  const activePhone = params.get("phone");
  const active = contacts?.find((c) => c.phone === activePhone) ?? null;

  const setUrl = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      // A shallow URL change: the page's server data does not depend on the chosen customer.
      window.history.replaceState(null, "", `${pathname}?${next.toString()}`);
    },
    [params, pathname],
  );

  const loadSummaries = useCallback(async () => {
    try {
      const { conversations } = await apiFetch<{ conversations: CustomerSummary[] }>(`/api/sandbox/conversations?phoneNumberId=${encodeURIComponent(phoneNumberId)}`);
      setSummaries(new Map(conversations.map((c) => [c.phone, c])));
    } catch {
      // Previews are a nicety: the chats still work without them.
    } finally {
      setSummariesLoaded(true);
    }
  }, [phoneNumberId]);

  useEffect(() => {
    setSummariesLoaded(false);
    void loadSummaries();
  }, [loadSummaries]);

  const startNew = useCallback(
    (customer: SimulatedCustomer = randomCustomer()) => {
      add(customer);
      setUrl({ phone: customer.phone });
    },
    [add, setUrl],
  );

  // First visit in this browser: pick up the sandbox's existing chats, or start one so the
  // page opens ready to type. A shared link to an unknown customer adds them too.
  const initialized = useRef(false);
  useEffect(() => {
    if (!contacts || !summariesLoaded || initialized.current) return;
    initialized.current = true;
    if (activePhone && /^\d{8,15}$/.test(activePhone) && !contacts.some((c) => c.phone === activePhone)) {
      add({ phone: activePhone, name: summaries.get(activePhone)?.name ?? formatPhone(activePhone) });
      return;
    }
    if (!stored && contacts.length === 0 && summaries.size > 0) {
      const existing = [...summaries.values()].slice(0, 8).map((s) => ({ phone: s.phone, name: s.name ?? formatPhone(s.phone) }));
      addMany(existing);
      if (!activePhone) setUrl({ phone: existing[0]!.phone });
      return;
    }
    if (contacts.length === 0) startNew();
    else if (!active) setUrl({ phone: contacts[0]!.phone });
  }, [contacts, summariesLoaded, stored, summaries, activePhone, active, add, addMany, setUrl, startNew]);

  const chat = useSandboxChat(phoneNumberId, active);
  const refreshChat = chat.refresh;

  const summaryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onLiveChange = useCallback(
    (phone: string | null) => {
      if (phone === null || phone === active?.phone) void refreshChat();
      // Sidebar previews can lag a little; one read per burst of events.
      if (summaryTimer.current) clearTimeout(summaryTimer.current);
      summaryTimer.current = setTimeout(() => void loadSummaries(), phone === null ? 3_000 : 300);
    },
    [active?.phone, refreshChat, loadSummaries],
  );
  const liveMode = useSandboxLive(phoneNumberId, onLiveChange);

  function removeCustomer(phone: string) {
    remove(phone);
    if (phone === activePhone) {
      const next = contacts?.find((c) => c.phone !== phone);
      setUrl({ phone: next?.phone ?? null });
    }
  }

  const noFlow = !channel.flowName;
  const subtitle = useMemo(() => `${channel.displayNumber} · ${t("businessAccount")}`, [channel.displayNumber, t]);

  return (
    <div className="flex min-h-0 flex-1 gap-4 p-4">
      <aside className="flex w-72 shrink-0 flex-col overflow-hidden rounded-xl border bg-card shadow-sm" aria-label={t("customers")}>
        <div className="flex items-center gap-2 border-b p-3">
          <div className="flex flex-1">
            <Button className="flex-1 rounded-r-none" onClick={() => startNew()} data-testid="new-customer">
              <MessageSquarePlus />
              {t("newCustomer")}
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button className="rounded-l-none border-l border-primary-foreground/20 px-2" aria-label={t("moreOptions")}>
                  <ChevronDown />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem onSelect={() => setCustomDialog(true)}>
                  <UserRoundPlus />
                  {t("customCustomer")}
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        </div>
        <div className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto">
          {contacts && contacts.length > 0 ? (
            <CustomerList customers={contacts} summaries={summaries} activePhone={active?.phone ?? null} onSelect={(phone) => setUrl({ phone })} onRemove={removeCustomer} />
          ) : (
            <p className="p-4 text-sm text-muted-foreground">{contacts ? t("noCustomers") : t("loading")}</p>
          )}
        </div>
        <div className="grid gap-1.5 border-t bg-muted/40 p-3 text-xs text-muted-foreground">
          {channels.length > 1 ? (
            <Select value={phoneNumberId} onValueChange={(value) => setUrl({ channel: value, phone: null })}>
              <SelectTrigger size="sm" className="w-full bg-card" aria-label={t("channel")}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {channels.map((c) => (
                  <SelectItem key={c.phoneNumberId} value={c.phoneNumberId}>
                    {c.name} · {c.displayNumber}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          ) : (
            <p className="truncate">
              <span className="font-medium text-foreground">{channel.name}</span> · {channel.displayNumber}
            </p>
          )}
          <p className="truncate">{channel.flowName ? t("boundFlow", { flow: channel.flowName }) : t("noFlowShort")}</p>
          <p className="flex items-center gap-1.5" data-testid="live-mode" data-mode={liveMode}>
            {liveMode === "live" ? <Radio className="size-3.5 text-success" /> : <RefreshCw className={cn("size-3.5", liveMode === "connecting" && "animate-spin")} />}
            {t(`live.${liveMode}`)}
          </p>
        </div>
      </aside>

      {active ? (
        <ChatPanel
          className="min-w-0 flex-1"
          title={businessName}
          subtitle={subtitle}
          messages={chat.messages}
          typing={chat.typing}
          busy={chat.busy}
          onSendText={(text) => void chat.send({ type: "text", text })}
          onReply={(reply) => {
            const fromList = chat.messages.find((m) => m.id === reply.messageId)?.kind === "list";
            void chat.send(
              fromList
                ? { type: "list_reply", id: reply.id, title: reply.title, ...(reply.description ? { description: reply.description } : {}) }
                : { type: "button_reply", id: reply.id, title: reply.title },
              reply.messageId,
            );
          }}
          onAttach={(kind) => void chat.send(kind === "location" ? { type: "location", ...SAMPLE_LOCATION } : { type: "sticker" })}
          onSendFile={(attachment, caption) => void chat.sendFile(attachment, caption)}
          notice={t("sandboxNotice")}
          emptyHint={noFlow ? t("noFlow") : t("emptyHint")}
          headerActions={<ActingAs customer={active} />}
        />
      ) : (
        <div className="grid min-w-0 flex-1 place-items-center rounded-xl border border-dashed bg-card/50 p-6 text-center">
          <div className="grid max-w-sm justify-items-center gap-3">
            <MessageSquarePlus className="size-8 text-muted-foreground" />
            <p className="text-sm text-muted-foreground">{t("pickCustomer")}</p>
            <Button onClick={() => startNew()}>{t("newCustomer")}</Button>
          </div>
        </div>
      )}
      {chat.loadError && active && (
        <p role="alert" className="sr-only">
          {chat.loadError}
        </p>
      )}
      <NewCustomerDialog open={customDialog} onOpenChange={setCustomDialog} onCreate={startNew} />
    </div>
  );
}

/** Who the simulator is playing: the chat header shows the business, like the customer's phone does. */
function ActingAs({ customer }: { customer: SimulatedCustomer }) {
  const t = useTranslations("simulator");
  return (
    <div className="hidden items-center gap-2 rounded-full border bg-muted/50 py-1 pr-3 pl-1 md:flex" data-testid="acting-as">
      <CustomerAvatar customer={customer} className="size-7 text-[0.65rem]" />
      <div className="leading-tight">
        <p className="text-[0.65rem] text-muted-foreground">{t("actingAs")}</p>
        <p className="text-xs font-medium">
          {customer.name}
          {customer.name !== formatPhone(customer.phone) && <span className="font-normal text-muted-foreground"> · {formatPhone(customer.phone)}</span>}
        </p>
      </div>
    </div>
  );
}

export function HowItWorks() {
  const t = useTranslations("simulator");
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm">
          <Info />
          {t("howItWorks")}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-96 text-sm">
        <p className="mb-2 font-medium">{t("howItWorks")}</p>
        <ol className="grid list-decimal gap-1.5 pl-5 text-muted-foreground">
          <li>{t("how1")}</li>
          <li>{t("how2")}</li>
          <li>{t("how3")}</li>
          <li>{t("how4")}</li>
        </ol>
      </PopoverContent>
    </Popover>
  );
}
