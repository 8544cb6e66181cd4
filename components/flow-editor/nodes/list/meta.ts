import { List } from "lucide-react";
import { randomId } from "../../store";
import type { NodeUiMeta } from "../meta-kit";

export const listMeta: NodeUiMeta<"list"> = {
  icon: List,
  accent: "bg-cyan-700 text-white",
  inPalette: true,
  idPrefix: "list",
  create: (texts) => ({
    text: "",
    buttonLabel: texts.listButton,
    sections: [{ title: texts.section, rows: [1, 2, 3].map((n) => ({ id: randomId("r"), title: texts.option(n) })) }],
  }),
  searchTexts: (node) => node.data.sections.flatMap((s) => [s.title, ...s.rows.flatMap((r) => [r.title, r.description])]),
};
