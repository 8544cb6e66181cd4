import { Variable } from "lucide-react";
import type { NodeUiMeta } from "../meta-kit";

export const setVariableMeta: NodeUiMeta<"set_variable"> = {
  icon: Variable,
  accent: "bg-violet-600 text-white",
  inPalette: true,
  idPrefix: "set",
  create: () => ({ variable: "", value: "" }),
};
