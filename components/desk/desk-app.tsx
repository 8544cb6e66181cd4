"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { apiFetch, ApiError } from "@/lib/api-client";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import type { ConversationDetail, ConversationSummary, Presence } from "@/lib/desk/types";
import { ContactCard } from "./contact-card";
import { ConversationList, type ListTab } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { DeskHeader } from "./desk-header";
import { NewConversationDialog } from "./new-conversation-dialog";
import { chime, notificationsWanted, showNotification } from "./notify";
import { useLiveEvents, type LiveEvent } from "./use-live-events";

export type DeskUser = { id: string; name: string; role: "admin" | "agent" };
export type DeskQueue = { id: string; name: string; slug: string; assignmentMode: "manual" | "auto" };
export type CannedResponse = { id: string; shortcut: string; text: string };
export type MessageTemplate = TemplateSummary;
export type HoursStatus = { timeZone: string; open: boolean; nextOpening: string | null };

type Lists = { mine: ConversationSummary[]; waiting: ConversationSummary[]; closed: ConversationSummary[] };

/** The agents' desk: conversation lists, the open conversation and the contact, kept live by SSE. */
export function DeskApp({
  me,
  queues,
  canned,
  templates: initialTemplates,
  initialHours,
  initialPresence,
  initialConversationId,
}: {
  me: DeskUser;
  queues: DeskQueue[];
  canned: CannedResponse[];
  templates: MessageTemplate[];
  initialHours: HoursStatus;
  initialPresence: Presence;
  initialConversationId: string | null;
}) {
  const t = useTranslations("desk");
  const [lists, setLists] = useState<Lists | null>(null);
  const [templates, setTemplates] = useState(initialTemplates);
  const [tab, setTab] = useState<ListTab>("mine");
  const [queueFilter, setQueueFilter] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(initialConversationId);
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [hours, setHours] = useState(initialHours);
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  const loadLists = useCallback(async () => {
    try {
      const [mine, waiting, closed] = await Promise.all([
        apiFetch<{ conversations: ConversationSummary[] }>("/api/desk/conversations?status=assigned&assignee=me"),
        apiFetch<{ conversations: ConversationSummary[] }>("/api/desk/conversations?status=queued"),
        apiFetch<{ conversations: ConversationSummary[] }>(`/api/desk/conversations?status=closed&limit=50${me.role === "admin" ? "" : "&assignee=me"}`),
      ]);
      setLists({ mine: mine.conversations, waiting: waiting.conversations, closed: closed.conversations });
    } catch (error) {
      toast.error((error as Error).message);
    }
  }, [me.role]);

  const loadDetail = useCallback(async (id: string) => {
    try {
      const { conversation } = await apiFetch<{ conversation: ConversationDetail }>(`/api/desk/conversations/${id}`);
      if (selectedRef.current !== id) return;
      setDetail(conversation);
      setDetailError(null);
      if (conversation.unreadCount > 0 && conversation.assignee?.id === me.id) void apiFetch(`/api/desk/conversations/${id}/read`, { method: "POST" }).catch(() => {});
    } catch (error) {
      if (selectedRef.current !== id) return;
      setDetail(null);
      setDetailError(error instanceof ApiError && error.status === 404 ? t("notFound") : (error as Error).message);
    }
  }, [me.id, t]);

  // Coalesce bursts of events into one refetch.
  const timers = useRef<{ lists?: ReturnType<typeof setTimeout>; detail?: ReturnType<typeof setTimeout> }>({});
  const refreshLists = useCallback(() => {
    clearTimeout(timers.current.lists);
    timers.current.lists = setTimeout(() => void loadLists(), 120);
  }, [loadLists]);
  const refreshDetail = useCallback(() => {
    clearTimeout(timers.current.detail);
    timers.current.detail = setTimeout(() => {
      if (selectedRef.current) void loadDetail(selectedRef.current);
    }, 80);
  }, [loadDetail]);

  useEffect(() => {
    void loadLists();
  }, [loadLists]);

  useEffect(() => {
    setDetail(null);
    setDetailError(null);
    const url = new URL(window.location.href);
    if (selectedId) url.searchParams.set("c", selectedId);
    else url.searchParams.delete("c");
    window.history.replaceState(window.history.state, "", url);
    if (selectedId) void loadDetail(selectedId);
  }, [selectedId, loadDetail]);

  const myQueueIds = useMemo(() => new Set(queues.map((q) => q.id)), [queues]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === "ready") {
        refreshLists();
        refreshDetail();
        return;
      }
      if (event.type.startsWith("conversation.") || event.type.startsWith("message.")) refreshLists();
      // media.updated (a file downloaded or failed) re-reads the open conversation like message.status does.
      if (event.conversationId && event.conversationId === selectedRef.current) {
        refreshDetail();
        if (event.type === "conversation.assigned" && event.assigneeId && event.assigneeId !== me.id && !event.notify?.includes(me.id)) {
          toast.info(t("takenByOther"));
        }
      }
      if (event.type === "conversation.queued" && event.queueId && (me.role === "admin" || myQueueIds.has(event.queueId)) && notificationsWanted()) {
        chime();
        if (document.hidden) {
          const queueName = queues.find((q) => q.id === event.queueId)?.name ?? "";
          showNotification(t("notificationTitle"), t("notificationBody", { queue: queueName }), () => {
            setTab("waiting");
            setSelectedId(event.conversationId ?? null);
          });
        }
      }
      if (event.type === "queue.updated") refreshLists();
      // A template approved, paused or rejected: the picker offers the approved ones only.
      if (event.type === "templates.changed") {
        void apiFetch<{ templates: MessageTemplate[] }>("/api/desk/templates")
          .then((answer) => setTemplates(answer.templates))
          .catch(() => {});
      }
    },
    [me.id, me.role, myQueueIds, queues, refreshDetail, refreshLists, t],
  );
  const { connected } = useLiveEvents(onEvent);

  useEffect(() => {
    const id = setInterval(() => {
      void apiFetch<{ hours: HoursStatus }>("/api/desk/status")
        .then((r) => setHours(r.hours))
        .catch(() => {});
    }, 60_000);
    return () => clearInterval(id);
  }, []);

  const afterAction = useCallback(
    (options: { select?: string | null; tab?: ListTab } = {}) => {
      if (options.tab) setTab(options.tab);
      if (options.select !== undefined) setSelectedId(options.select);
      refreshLists();
      refreshDetail();
    },
    [refreshDetail, refreshLists],
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="desk">
      <DeskHeader
        me={me}
        hours={hours}
        connected={connected}
        initialPresence={initialPresence}
        actions={<NewConversationDialog queues={queues} templates={templates} onStarted={(id) => afterAction({ select: id, tab: "mine" })} />}
      />
      <div className="grid min-h-0 flex-1 grid-cols-[280px_minmax(0,1fr)_256px]">
        <ConversationList
          lists={lists}
          tab={tab}
          onTab={setTab}
          queues={queues}
          queueFilter={queueFilter}
          onQueueFilter={setQueueFilter}
          selectedId={selectedId}
          onSelect={setSelectedId}
          hours={hours}
        />
        <ConversationView
          key={selectedId ?? "none"}
          me={me}
          detail={detail}
          error={detailError}
          selectedId={selectedId}
          canned={canned}
          templates={templates}
          onChanged={afterAction}
          onReload={refreshDetail}
        />
        <ContactCard detail={detail} />
      </div>
    </div>
  );
}
