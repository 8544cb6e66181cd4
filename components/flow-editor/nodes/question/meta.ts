import { MessageCircleQuestion } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const questionMeta: NodeUiMeta<"question"> = {
  icon: MessageCircleQuestion,
  accent: "bg-indigo-600 text-white",
  inPalette: true,
  idPrefix: "question",
  create: () => ({ text: "", variable: "", validation: { kind: "any" } }),
};
