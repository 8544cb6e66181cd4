import { BellOff } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const optOutMeta: NodeUiMeta<"opt_out"> = {
  icon: BellOff,
  accent: "bg-rose-600 text-white",
  inPalette: true,
  idPrefix: "optout",
  create: () => ({ action: "opt_out" }),
};
