"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { FlowDocument } from "@/lib/flow/schema";
import type { EditorStore } from "./store";
import { fromDocument, toDocument } from "./types";

const AUTOSAVE_DELAY_MS = 1000;
const RETRY_DELAY_MS = 5000;

export type Conflict = { currentRevision: number; updatedBy: { id: string; name: string | null } | null; updatedAt?: string };

/**
 * Saves the draft about a second after each change, quoting the revision it was based on.
 * A 409 stops autosaving and surfaces the conflict: the user reloads theirs or overwrites
 * explicitly; nothing is ever overwritten silently.
 */
export function useDraftSync(store: EditorStore, flowId: string) {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savedVersion = useRef(store.getState().contentVersion);
  const blocked = useRef(false);

  // Saves run one after another: two PUTs quoting the same revision would conflict with ourselves.
  const chain = useRef<Promise<void>>(Promise.resolve());

  const saveOnce = async (revisionOverride?: number): Promise<void> => {
    const state = store.getState();
    if (state.readOnly) return;
    if (revisionOverride === undefined && (blocked.current || state.contentVersion === savedVersion.current)) return;
    const version = state.contentVersion;
    const document = toDocument(state);
    store.setState({ saveState: "saving" });
    try {
      const saved = await apiFetch<{ revision: number }>(`/api/flows/${flowId}`, {
        method: "PUT",
        json: { document, revision: revisionOverride ?? state.revision },
      });
      savedVersion.current = version;
      blocked.current = false;
      const dirty = store.getState().contentVersion !== version;
      store.setState({ revision: saved.revision, saveState: dirty ? "unsaved" : "saved" });
      setConflict(null);
      if (dirty) schedule(AUTOSAVE_DELAY_MS);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        blocked.current = true;
        const details = (error.body as { error?: { details?: Conflict } })?.error?.details;
        setConflict(details ?? { currentRevision: state.revision + 1, updatedBy: null });
        store.setState({ saveState: "conflict" });
      } else {
        store.setState({ saveState: "error" });
        schedule(RETRY_DELAY_MS);
      }
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new save function per flow and store; saveOnce reads the latest state through refs
  const save = useCallback(
    (revisionOverride?: number): Promise<void> => {
      const next = chain.current.then(() => saveOnce(revisionOverride));
      chain.current = next.catch(() => {});
      return next;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flowId, store],
  );

  const schedule = useCallback(
    (delay: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void save();
      }, delay);
    },
    [save],
  );

  useEffect(() => {
    let lastVersion = store.getState().contentVersion;
    const unsubscribe = store.subscribe(() => {
      const s = store.getState();
      if (s.contentVersion === lastVersion) return;
      lastVersion = s.contentVersion;
      if (blocked.current || s.readOnly) return;
      if (s.saveState !== "saving") store.setState({ saveState: "unsaved" });
      schedule(AUTOSAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [store, schedule]);

  // The browser asks before leaving with changes that did not reach the server.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const s = store.getState();
      if (s.saveState === "saved" && s.contentVersion === savedVersion.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [store]);

  /** Saves now (before publishing); resolves once the server has the current content. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    await save();
    const s = store.getState();
    return s.saveState === "saved" && s.contentVersion === savedVersion.current;
  }, [save, store]);

  /** Conflict resolution 1: drop local changes and load what is on the server. */
  const reloadTheirs = useCallback(async () => {
    const { flow } = await apiFetch<{ flow: { draft: FlowDocument; draftRevision: number } }>(`/api/flows/${flowId}`);
    blocked.current = false;
    store.actions.reset(fromDocument(flow.draft));
    savedVersion.current = store.getState().contentVersion;
    store.setState({ revision: flow.draftRevision, saveState: "saved" });
    setConflict(null);
  }, [flowId, store]);

  /** Conflict resolution 2: the user chose to replace the other person's draft with theirs. */
  const overwrite = useCallback(async () => {
    const current = conflict?.currentRevision;
    if (current === undefined) return;
    await save(current);
  }, [conflict, save]);

  /** After a server-side change of the draft (restore a version): adopt it without saving. */
  const adopt = useCallback(
    (draft: FlowDocument, revision: number) => {
      store.actions.reset(fromDocument(draft));
      savedVersion.current = store.getState().contentVersion;
      store.setState({ revision, saveState: "saved" });
    },
    [store],
  );

  return { conflict, flush, reloadTheirs, overwrite, adopt };
}
