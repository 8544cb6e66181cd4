import { MousePointerClick } from "lucide-react";
import { randomId } from "../../store";
import type { NodeUiMeta } from "../meta-kit";

export const buttonsMeta: NodeUiMeta<"buttons"> = {
  icon: MousePointerClick,
  accent: "bg-teal-700 text-white",
  inPalette: true,
  idPrefix: "buttons",
  create: (texts) => ({ text: "", buttons: [1, 2].map((n) => ({ id: randomId("b"), title: texts.option(n) })) }),
  searchTexts: (node) => node.data.buttons.map((b) => b.title),
};
