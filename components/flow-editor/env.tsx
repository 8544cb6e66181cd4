"use client";

import { createContext, useContext } from "react";

export type QueueOption = { id: string; slug: string; name: string; isDefault?: boolean };

/** What the editor's panels need beyond the document: which flow, the queues, test data. */
export type EditorEnv = {
  flowId: string;
  queues: QueueOption[];
  /** Preview test data, also used by the http_request test button. */
  testContact: { name: string; phone: string };
  testVariables: Record<string, string>;
};

export const EditorEnvContext = createContext<EditorEnv>({ flowId: "", queues: [], testContact: { name: "", phone: "" }, testVariables: {} });

export function useEditorEnv(): EditorEnv {
  return useContext(EditorEnvContext);
}
