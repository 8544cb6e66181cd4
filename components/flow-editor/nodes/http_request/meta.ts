import { Globe } from "lucide-react";
import { HTTP_TIMEOUT_DEFAULT_MS } from "@/lib/flow/schema";
import type { NodeUiMeta } from "../meta-kit";

export const httpRequestMeta: NodeUiMeta<"http_request"> = {
  icon: Globe,
  accent: "bg-slate-700 text-white",
  inPalette: true,
  idPrefix: "http",
  create: () => ({ method: "GET", url: "https://", headers: {}, timeoutMs: HTTP_TIMEOUT_DEFAULT_MS, save: [] }),
};
