"use client";

/** The canvas cards, one per node type; see ./registry (each card lives in ./<type>/card.tsx). */
export { nodeTypes } from "./registry";
