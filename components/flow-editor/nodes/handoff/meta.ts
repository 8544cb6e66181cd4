import { Headset } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const handoffMeta: NodeUiMeta<"handoff"> = {
  icon: Headset,
  accent: "bg-rose-700 text-white",
  inPalette: true,
  idPrefix: "handoff",
  create: () => ({ queue: "" }),
};
