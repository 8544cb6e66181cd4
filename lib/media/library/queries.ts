import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { flows, flowVersions, mediaLibrary } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { MEDIA_KINDS, type MediaKind } from "../types";
import type { LibraryFacts, LibraryItem } from "./types";

export type LibraryRow = typeof mediaLibrary.$inferSelect;

const asKind = (kind: string): MediaKind => ((MEDIA_KINDS as readonly string[]).includes(kind) ? (kind as MediaKind) : "document");

export function toLibraryItem(row: LibraryRow): LibraryItem {
  return {
    id: row.id,
    name: row.name,
    kind: asKind(row.kind),
    mimeType: row.mime,
    size: row.size,
    hasThumbnail: row.thumbnailKey !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The library, newest first (deleted items are hidden). */
export async function listLibrary(db: DbOrTx): Promise<LibraryItem[]> {
  const rows = await db.select().from(mediaLibrary).where(isNull(mediaLibrary.deletedAt)).orderBy(desc(mediaLibrary.createdAt)).limit(1000);
  return rows.map(toLibraryItem);
}

/** An item by id, deleted or not (transcripts and older versions keep using deleted ones). */
export async function findLibraryRow(db: DbOrTx, id: string): Promise<LibraryRow | null> {
  const [row] = await db.select().from(mediaLibrary).where(eq(mediaLibrary.id, id));
  return row ?? null;
}

/** A listed item with these bytes, if one exists (the same file uploaded again is the same item). */
export async function findLibraryBySha(db: DbOrTx, sha256: string): Promise<LibraryRow | null> {
  const [row] = await db
    .select()
    .from(mediaLibrary)
    .where(and(eq(mediaLibrary.sha256, sha256), isNull(mediaLibrary.deletedAt)));
  return row ?? null;
}

/** Kinds and sizes of the items a flow names, for the publish lint. */
export async function libraryFacts(db: DbOrTx, ids: string[]): Promise<LibraryFacts> {
  if (ids.length === 0) return {};
  const rows = await db.select().from(mediaLibrary).where(inArray(mediaLibrary.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, { kind: asKind(r.kind), size: r.size, name: r.name, deleted: r.deletedAt !== null }]));
}

/**
 * Flows whose draft or live version names the item. The id is a uuid, so finding it in the
 * document's text is exact; a library holds hundreds of items, not millions, and this runs
 * only when one is deleted.
 */
export async function flowsUsingLibraryItem(db: DbOrTx, id: string): Promise<{ id: string; name: string }[]> {
  const needle = `%${id}%`;
  return db
    .select({ id: flows.id, name: flows.name })
    .from(flows)
    .leftJoin(flowVersions, eq(flowVersions.id, flows.activeVersionId))
    .where(sql`${flows.draft}::text like ${needle} or ${flowVersions.document}::text like ${needle}`)
    .orderBy(flows.name);
}

export async function hideLibraryItem(db: DbOrTx, id: string): Promise<boolean> {
  const updated = await db
    .update(mediaLibrary)
    .set({ deletedAt: new Date() })
    .where(and(eq(mediaLibrary.id, id), isNull(mediaLibrary.deletedAt)))
    .returning({ id: mediaLibrary.id });
  return updated.length > 0;
}
