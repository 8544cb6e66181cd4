import { DeskApp } from "@/components/desk/desk-app";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { deskPageData } from "@/lib/desk/page-data";

export default async function DeskPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const actor = await requirePageRole("desk");
  const data = await deskPageData(await getDb(), actor);
  const { c } = await searchParams;
  const selected = c && /^[0-9a-f-]{36}$/i.test(c) ? c : null;
  return (
    <DeskApp
      me={{ id: actor.userId ?? "", name: actor.name, role: actor.role === "admin" ? "admin" : "agent" }}
      queues={data.queues}
      canned={data.canned}
      templates={data.templates}
      initialHours={data.hours}
      initialPresence={data.presence}
      initialConversationId={selected}
    />
  );
}
