"use client";

import { useEffect } from "react";

export type EditorKeyHandlers = {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
  search: () => void;
};

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

/**
 * Editor shortcuts. Undo/redo work everywhere in the editor, inspector fields included (a
 * controlled field's native undo would fight the editor's history); copy/paste/duplicate
 * only act on nodes when no text field has the focus, so text copy/paste keeps working.
 */
export function useEditorKeys(handlers: EditorKeyHandlers, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      // Dialogs (publish note, rename), the preview's composer and the search box keep their own text editing.
      if (event.target instanceof Element && event.target.closest('[role="dialog"],[role="alertdialog"],[data-native-undo]')) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        handlers.undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        handlers.redo();
      } else if (key === "f") {
        event.preventDefault();
        handlers.search();
      } else if (!isEditable(event.target) && !window.getSelection()?.toString()) {
        if (key === "c") {
          handlers.copy();
        } else if (key === "v") {
          event.preventDefault();
          handlers.paste();
        } else if (key === "d") {
          event.preventDefault();
          handlers.duplicate();
        }
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [handlers, enabled]);
}
