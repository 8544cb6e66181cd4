import { Play } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const startMeta: NodeUiMeta<"start"> = {
  icon: Play,
  accent: "bg-emerald-700 text-white",
  inPalette: false,
  idPrefix: "start",
  create: () => ({}),
};
