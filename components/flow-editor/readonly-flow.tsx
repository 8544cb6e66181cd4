"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useState } from "react";
import type { NodeFigures } from "@/lib/analytics/bot/overlay-types";
import { FlowCanvas } from "./canvas";
import { EditorEnvContext, type QueueOption } from "./env";
import { Inspector } from "./inspector/inspector";
import { type DiffMark, EditorStoreContext, createEditorStore, useEditor } from "./store";
import type { EditorContent } from "./types";
import { prepareContent } from "./view";

/**
 * A flow on the canvas that can be looked at but not changed (a published version, a diff):
 * select a node to read its content in the inspector, whose fields are disabled.
 */
export function ReadOnlyFlow({
  content,
  diffMarks,
  figures,
  flowId,
  queues,
  side,
}: {
  content: EditorContent;
  diffMarks?: ReadonlyMap<string, DiffMark>;
  /** The analytics overlay's figures per node. */
  figures?: ReadonlyMap<string, NodeFigures>;
  flowId: string;
  queues: QueueOption[];
  /** Replaces the inspector column (the diff's change list). */
  side?: (api: { focus: (nodeId: string) => void }) => React.ReactNode;
}) {
  const [store] = useState(() => createEditorStore(prepareContent(content), { readOnly: true, diffMarks, figures }));
  return (
    <EditorStoreContext.Provider value={store}>
      <EditorEnvContext.Provider value={{ flowId, queues, contactFields: [], testContact: { name: "", phone: "" }, testVariables: {} }}>
        <ReactFlowProvider>
          <div className="flex min-h-0 flex-1">
            <div className="relative min-w-0 flex-1">
              <FlowCanvas className="absolute inset-0" />
            </div>
            <aside className="flex w-[340px] shrink-0 flex-col overflow-y-auto overflow-x-hidden border-l">
              {side ? side({ focus: (id) => store.actions.select([id]) }) : null}
              <SelectedNode />
            </aside>
          </div>
        </ReactFlowProvider>
      </EditorEnvContext.Provider>
    </EditorStoreContext.Provider>
  );
}

function SelectedNode() {
  const any = useEditor((s) => s.nodes.some((n) => n.selected));
  if (!any) return null;
  return (
    <fieldset disabled className="border-t" data-testid="readonly-inspector">
      <Inspector onDuplicate={() => {}} />
    </fieldset>
  );
}
