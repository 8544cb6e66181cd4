"use client";

import { useEffect } from "react";
import type { LintLocale } from "@/lib/flow/lint-messages";
import { lintFlow } from "@/lib/flow/validate";
import type { LibraryFacts } from "@/lib/media/library/types";
import { handleMarkers } from "./lint-handles";
import type { EditorStore, Marker } from "./store";
import { toDocument } from "./types";

const LINT_DELAY_MS = 200;

/**
 * Runs the publish lint on the draft as it changes, in the UI language, and marks nodes on the
 * canvas. `library`: the media library's facts once loaded (kinds and sizes of chosen files).
 */
export function useLiveLint(store: EditorStore, locale: LintLocale, queues: string[] | undefined, library?: LibraryFacts, contactFields?: string[]) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let linted = -1;
    const run = () => {
      timer = null;
      const state = store.getState();
      linted = state.contentVersion;
      const report = lintFlow(toDocument(state), { locale, queues, library, contactFields });
      const markers = new Map<string, Marker>();
      for (const w of report.warnings) if (w.nodeId) markers.set(w.nodeId, "warning");
      for (const e of report.errors) if (e.nodeId) markers.set(e.nodeId, "error");
      store.setState({ lint: report, markers, handleMarkers: handleMarkers(report, state.nodes, state.edges) });
    };
    // The first report waits for the canvas to be on screen: a large flow opens faster.
    timer = setTimeout(run, 0);
    const unsubscribe = store.subscribe(() => {
      if (store.getState().contentVersion === linted || timer) return;
      timer = setTimeout(run, LINT_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, locale, queues, library, contactFields]);
}
