import { FileText } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const templateMeta: NodeUiMeta<"template"> = {
  icon: FileText,
  accent: "bg-teal-700 text-white",
  inPalette: true,
  idPrefix: "tpl",
  create: () => ({ body: [], buttons: [] }),
};
