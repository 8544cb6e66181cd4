/**
 * The editor's per-type look (icon, header colour), palette entry and new-node content,
 * from each type's folder. Kept apart from the cards and forms (./registry) so the shared
 * card parts can read it without importing every card.
 */
import type { NodeType } from "@/lib/flow/schema";
import { buttonsMeta } from "./buttons/meta";
import { conditionMeta } from "./condition/meta";
import { endMeta } from "./end/meta";
import { handoffMeta } from "./handoff/meta";
import { httpRequestMeta } from "./http_request/meta";
import { listMeta } from "./list/meta";
import { messageMeta } from "./message/meta";
import { optOutMeta } from "./opt_out/meta";
import { templateMeta } from "./template/meta";
import type { NodeUiMeta } from "./meta-kit";
import { questionMeta } from "./question/meta";
import { setVariableMeta } from "./set_variable/meta";
import { startMeta } from "./start/meta";

export type { DefaultTexts, NodeUiMeta } from "./meta-kit";

export const NODE_UI_META: { readonly [T in NodeType]: NodeUiMeta<T> } = {
  start: startMeta,
  message: messageMeta,
  buttons: buttonsMeta,
  list: listMeta,
  question: questionMeta,
  condition: conditionMeta,
  set_variable: setVariableMeta,
  http_request: httpRequestMeta,
  handoff: handoffMeta,
  end: endMeta,
  opt_out: optOutMeta,
  template: templateMeta,
};
