import { GitBranch } from "lucide-react";
import { randomId } from "../../store";
import type { NodeUiMeta } from "../meta-kit";

export const conditionMeta: NodeUiMeta<"condition"> = {
  icon: GitBranch,
  accent: "bg-amber-500 text-amber-950",
  inPalette: true,
  idPrefix: "condition",
  create: () => ({ rules: [{ id: randomId("rule"), variable: "input", operator: "equals", value: "" }] }),
  searchTexts: (node) => node.data.rules.flatMap((r) => [r.variable, r.value]),
};
