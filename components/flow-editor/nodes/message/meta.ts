import { MessageSquare } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const messageMeta: NodeUiMeta<"message"> = {
  icon: MessageSquare,
  accent: "bg-sky-700 text-white",
  inPalette: true,
  idPrefix: "message",
  create: () => ({ text: "" }),
};
