"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { apiFetch } from "@/lib/api-client";
import type { LibraryFacts, LibraryItem } from "@/lib/media/library/types";

/**
 * The media library as the editor sees it: loaded once when the editor opens, refreshed after
 * an upload or a removal. The live lint reads its facts (kinds, sizes) like the publish lint
 * does on the server.
 */
type LibraryState = {
  items: LibraryItem[];
  /** null until the first load answers. */
  loaded: boolean;
  error: string | null;
  refresh: () => Promise<void>;
  upload: (file: File) => Promise<LibraryItem>;
  remove: (id: string) => Promise<void>;
  facts: LibraryFacts | undefined;
};

const LibraryContext = createContext<LibraryState | null>(null);

export function MediaLibraryProvider({ children }: { children: React.ReactNode }) {
  const [items, setItems] = useState<LibraryItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const answer = await apiFetch<{ items: LibraryItem[] }>("/api/media-library");
      setItems(answer.items);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const upload = useCallback(async (file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    const answer = await apiFetch<{ item: LibraryItem }>("/api/media-library", { method: "POST", body: form });
    setItems((current) => [answer.item, ...current.filter((i) => i.id !== answer.item.id)]);
    return answer.item;
  }, []);

  const remove = useCallback(async (id: string) => {
    await apiFetch(`/api/media-library/${encodeURIComponent(id)}`, { method: "DELETE" });
    setItems((current) => current.filter((i) => i.id !== id));
  }, []);

  // Facts only once loaded: before that, the live lint skips library checks rather than
  // calling every chosen file missing.
  const facts = useMemo<LibraryFacts | undefined>(
    () => (loaded && !error ? Object.fromEntries(items.map((i) => [i.id, { kind: i.kind, size: i.size, name: i.name, deleted: false }])) : undefined),
    [items, loaded, error],
  );

  const value = useMemo(() => ({ items, loaded, error, refresh, upload, remove, facts }), [items, loaded, error, refresh, upload, remove, facts]);
  return <LibraryContext.Provider value={value}>{children}</LibraryContext.Provider>;
}

export function useMediaLibrary(): LibraryState {
  const state = useContext(LibraryContext);
  if (!state) throw new Error("useMediaLibrary outside MediaLibraryProvider");
  return state;
}

/** A library item by id, for canvas cards; undefined outside the editor (version viewers) or while loading. */
export function useLibraryItem(id: string | undefined): LibraryItem | undefined {
  const state = useContext(LibraryContext);
  return id ? state?.items.find((i) => i.id === id) : undefined;
}
