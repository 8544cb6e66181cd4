"use client";

import { createContext, useContext } from "react";

export type QueueOption = { id: string; slug: string; name: string; isDefault?: boolean };
export type ContactFieldOption = { key: string; label: string };

/** What the editor's panels need beyond the document: which flow, the queues, test data. */
export type EditorEnv = {
  flowId: string;
  queues: QueueOption[];
  /** The workspace's contact fields (saving answers into them, `{{contact.<key>}}`). */
  contactFields: ContactFieldOption[];
  /** Preview test data, also used by the http_request test button. */
  testContact: { name: string; phone: string };
  testVariables: Record<string, string>;
};

export const EditorEnvContext = createContext<EditorEnv>({ flowId: "", queues: [], contactFields: [], testContact: { name: "", phone: "" }, testVariables: {} });

export function useEditorEnv(): EditorEnv {
  return useContext(EditorEnvContext);
}
