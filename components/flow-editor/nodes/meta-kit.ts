import type { LucideIcon } from "lucide-react";
import type { NodeOfType, NodeType } from "@/lib/flow/schema";

/** Default texts for new nodes, in the editor's language. */
export type DefaultTexts = { option: (n: number) => string; listButton: string; section: string };

/** How a node type looks in the palette and card header, and how a new one starts. */
export type NodeUiMeta<T extends NodeType> = {
  icon: LucideIcon;
  /** Tailwind classes of the header stripe. */
  accent: string;
  /** Offered in the palette (there is exactly one start). */
  inPalette: boolean;
  /** Prefix of a new node's id. */
  idPrefix: string;
  /** The data of a new node: content that already renders sensibly on the canvas. */
  create(texts: DefaultTexts): NodeOfType<T>["data"];
  /** Texts beyond the common fields (label, text, header, footer, variable, url, queue, value) that search should find. */
  searchTexts?(node: NodeOfType<T>): (string | undefined)[];
};
