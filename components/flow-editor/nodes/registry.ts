/**
 * The editor's node registry: each type's canvas card and inspector form, from its own
 * folder (`./<type>/card.tsx`, `./<type>/form.tsx`). The server side of a type (schema,
 * lint, engine) is in lib/flow/nodes/<type>; this module is client-only.
 */
import type { NodeTypes } from "@xyflow/react";
import type { ComponentType } from "react";
import type { NodeOfType, NodeType } from "@/lib/flow/schema";
import { ButtonsCard } from "./buttons/card";
import { ButtonsForm } from "./buttons/form";
import { ConditionCard } from "./condition/card";
import { ConditionForm } from "./condition/form";
import { EndCard } from "./end/card";
import { EndForm } from "./end/form";
import { HandoffCard } from "./handoff/card";
import { HandoffForm } from "./handoff/form";
import { HttpRequestCard } from "./http_request/card";
import { HttpRequestForm } from "./http_request/form";
import { ListCard } from "./list/card";
import { ListForm } from "./list/form";
import { MessageCard } from "./message/card";
import { MessageForm } from "./message/form";
import { OptOutCard } from "./opt_out/card";
import { OptOutForm } from "./opt_out/form";
import { TemplateCard } from "./template/card";
import { TemplateForm } from "./template/form";
import { QuestionCard } from "./question/card";
import { QuestionForm } from "./question/form";
import { SetVariableCard } from "./set_variable/card";
import { SetVariableForm } from "./set_variable/form";
import { StartCard } from "./start/card";
import { StartForm } from "./start/form";

/** Defined once, outside any render, so React Flow never remounts the nodes. Cards are memoised. */
export const nodeTypes: NodeTypes = {
  start: StartCard,
  message: MessageCard,
  buttons: ButtonsCard,
  list: ListCard,
  question: QuestionCard,
  condition: ConditionCard,
  set_variable: SetVariableCard,
  http_request: HttpRequestCard,
  handoff: HandoffCard,
  end: EndCard,
  opt_out: OptOutCard,
  template: TemplateCard,
} as NodeTypes;

export const NODE_FORMS: { readonly [T in NodeType]: ComponentType<{ node: NodeOfType<T> }> } = {
  start: StartForm,
  message: MessageForm,
  buttons: ButtonsForm,
  list: ListForm,
  question: QuestionForm,
  condition: ConditionForm,
  set_variable: SetVariableForm,
  http_request: HttpRequestForm,
  handoff: HandoffForm,
  end: EndForm,
  opt_out: OptOutForm,
  template: TemplateForm,
};
