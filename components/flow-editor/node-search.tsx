"use client";

import { useReactFlow } from "@xyflow/react";
import { Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { forwardRef, useMemo, useState } from "react";
import { Input } from "@/components/ui/input";
import { nodeSearchText } from "./node-meta";
import { useEditor, useEditorStoreApi } from "./store";

const MAX_RESULTS = 8;

/** Finds nodes by any text they contain; Enter jumps to the next match. */
export const NodeSearch = forwardRef<HTMLInputElement>(function NodeSearch(_, ref) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const contentVersion = useEditor((s) => s.contentVersion);
  const [query, setQuery] = useState("");
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const { fitView } = useReactFlow();

  // biome-ignore lint/correctness/useExhaustiveDependencies: contentVersion changes when the flow's nodes change (the store is mutable)
  const matches = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return [];
    return store.getState().nodes.filter((n) => nodeSearchText(n).includes(q));
    // contentVersion: search again when the document changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, store, contentVersion]);

  const go = (index: number) => {
    const node = matches[index];
    if (!node) return;
    setCursor(index);
    store.actions.select([node.id]);
    void fitView({ nodes: [{ id: node.id }], duration: 300, maxZoom: 1.1, padding: 0.5 });
  };

  return (
    <div className="relative" role="search" data-native-undo>
      <Search className="pointer-events-none absolute left-2 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        ref={ref}
        value={query}
        placeholder={t("search.placeholder")}
        aria-label={t("search.label")}
        className="h-8 w-44 pl-7 pr-14 text-sm"
        onChange={(e) => {
          setQuery(e.target.value);
          setCursor(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            go(matches.length ? (cursor + (e.shiftKey ? matches.length - 1 : 1)) % matches.length : 0);
          } else if (e.key === "Escape") {
            setQuery("");
            setOpen(false);
          }
        }}
        data-testid="node-search"
      />
      {query && (
        <span className="absolute right-7 top-1/2 -translate-y-1/2 text-[11px] tabular-nums text-muted-foreground" aria-live="polite">
          {matches.length ? `${Math.min(cursor + 1, matches.length)}/${matches.length}` : "0"}
        </span>
      )}
      {query && (
        <button type="button" className="absolute right-1.5 top-1/2 -translate-y-1/2 rounded p-0.5 text-muted-foreground hover:text-foreground" onClick={() => setQuery("")} aria-label={t("search.clear")}>
          <X className="size-3.5" />
        </button>
      )}
      {open && query && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a listbox of search results under the search field (the combobox pattern)
        <ul className="absolute right-0 top-9 z-50 grid w-72 gap-0.5 rounded-md border bg-popover p-1 text-sm shadow-md" role="listbox" aria-label={t("search.results")}>
          {matches.length === 0 && <li className="px-2 py-1.5 text-muted-foreground">{t("search.none")}</li>}
          {matches.slice(0, MAX_RESULTS).map((n, i) => (
            <li key={n.id}>
              <button
                type="button"
                role="option"
                aria-selected={i === cursor}
                className="w-full truncate rounded-sm px-2 py-1 text-left hover:bg-accent"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => go(i)}
                data-testid="search-result"
              >
                <span className="font-medium">{(n.data as { label?: string }).label || t(`types.${n.type}`)}</span>{" "}
                <span className="text-xs text-muted-foreground">{((n.data as { text?: string }).text ?? "").slice(0, 60)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
