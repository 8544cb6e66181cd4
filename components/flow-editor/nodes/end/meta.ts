import { Flag } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const endMeta: NodeUiMeta<"end"> = {
  icon: Flag,
  accent: "bg-zinc-600 text-white",
  inPalette: true,
  idPrefix: "end",
  create: () => ({}),
};
