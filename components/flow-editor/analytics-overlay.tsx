"use client";

import { MarkerType } from "@xyflow/react";
import { Loader2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { FlowOverlay, NodeFigures } from "@/lib/analytics/bot/overlay-types";
import { apiFetch } from "@/lib/api-client";
import type { FlowDocument } from "@/lib/flow/schema";
import { NodeAnalyticsPanel } from "./analytics-panel";
import type { QueueOption } from "./env";
import { ReadOnlyFlow } from "./readonly-flow";
import { type EditorContent, type EditorEdge, fromDocument } from "./types";

type VersionSummary = { number: number; active: boolean };
type Loaded = { overlay: FlowOverlay; document: FlowDocument };
type Range = { from: string; to: string };

const selectClass =
  "h-8 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";

/** The overlay's edges: traffic in the charts' blue, untravelled ones faint. */
const TRAFFIC_COLOR = "#2b87b8";
const IDLE_COLOR = "#94a3b8";

/** Edge width grows with traffic: 1.5 px for a trickle, up to 9 px for the busiest edge. */
function edgeWidth(traffic: number, max: number): number {
  return max > 0 ? 1.5 + 7.5 * Math.sqrt(traffic / max) : 1.5;
}

/** The version's document with each edge's traffic as its label and width. */
function overlayContent(doc: FlowDocument, overlay: FlowOverlay, label: (n: number) => string): EditorContent {
  const content = fromDocument(doc);
  const edges: EditorEdge[] = content.edges.map((e) => {
    const traffic = overlay.edges[e.id] ?? 0;
    const color = traffic > 0 ? TRAFFIC_COLOR : IDLE_COLOR;
    return {
      ...e,
      data: { traffic },
      label: traffic > 0 ? label(traffic) : undefined,
      style: { strokeWidth: edgeWidth(traffic, overlay.maxEdgeTraffic), stroke: color, opacity: traffic > 0 ? 1 : 0.5 },
      // In pixels, not stroke widths: a busy (wide) edge keeps an arrowhead of the usual size.
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, markerUnits: "userSpaceOnUse", color },
    };
  });
  return { ...content, edges };
}

/**
 * The editor's Analytics view: a published version, read-only, with its figures over a range
 * on the nodes and edges (docs/analytics.md, "## Canvas overlay"); a click on a node shows its
 * numbers and the recent conversations that left the bot there.
 */
export function AnalyticsOverlay({ flowId, queues }: { flowId: string; queues: QueueOption[] }) {
  const t = useTranslations("editor.analytics");
  const format = useFormatter();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [range, setRange] = useState<Range | null>(null);
  const [draftRange, setDraftRange] = useState<Range>({ from: "", to: "" });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    apiFetch<{ versions: VersionSummary[] }>(`/api/flows/${flowId}/versions`)
      .then(({ versions }) => {
        if (!live) return;
        setVersions(versions);
        setVersion((versions.find((v) => v.active) ?? versions[0])?.number ?? null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [flowId]);

  useEffect(() => {
    if (version === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    const params = new URLSearchParams({ version: String(version), ...(range ?? {}) });
    Promise.all([
      apiFetch<FlowOverlay>(`/api/analytics/flows/${flowId}/overlay?${params}`),
      apiFetch<{ version: { document: FlowDocument } }>(`/api/flows/${flowId}/versions/${version}`),
    ])
      .then(([overlay, detail]) => {
        if (!live) return;
        setLoaded({ overlay, document: detail.version.document });
        setDraftRange({ from: overlay.range.from, to: overlay.range.to });
      })
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [flowId, version, range]);

  const trafficLabel = useCallback((n: number) => format.number(n), [format]);
  const view = useMemo(() => {
    if (!loaded) return null;
    const figures = new Map<string, NodeFigures>(Object.entries(loaded.overlay.nodes));
    return { content: overlayContent(loaded.document, loaded.overlay, trafficLabel), figures };
  }, [loaded, trafficLabel]);

  const csvHref = loaded
    ? `/api/analytics/flows/${flowId}/overlay?${new URLSearchParams({ version: String(loaded.overlay.version.number), from: loaded.overlay.range.from, to: loaded.overlay.range.to, format: "csv" })}`
    : null;

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="analytics-overlay">
      <form
        className="flex flex-wrap items-end gap-3 border-b px-3 py-2"
        onSubmit={(e) => {
          e.preventDefault();
          setRange({ ...draftRange });
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor="overlay-version" className="text-xs">
            {t("version")}
          </Label>
          <select
            id="overlay-version"
            className={selectClass}
            value={version ?? ""}
            onChange={(e) => setVersion(Number(e.target.value))}
            disabled={!versions?.length}
            data-testid="overlay-version"
          >
            {(versions ?? []).map((v) => (
              <option key={v.number} value={v.number}>
                {v.active ? t("versionActive", { n: v.number }) : t("versionN", { n: v.number })}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="overlay-from" className="text-xs">
            {t("from")}
          </Label>
          <Input id="overlay-from" type="date" className="h-8 w-38" value={draftRange.from} onChange={(e) => setDraftRange((r) => ({ ...r, from: e.target.value }))} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="overlay-to" className="text-xs">
            {t("to")}
          </Label>
          <Input id="overlay-to" type="date" className="h-8 w-38" value={draftRange.to} onChange={(e) => setDraftRange((r) => ({ ...r, to: e.target.value }))} />
        </div>
        <Button type="submit" size="sm" variant="secondary" disabled={version === null}>
          {t("apply")}
        </Button>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {loading ? <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label={t("loading")} /> : null}
          {loaded ? (
            <span className="text-muted-foreground" data-testid="overlay-started">
              {t("started", { n: loaded.overlay.started })}
            </span>
          ) : null}
          {csvHref ? (
            <a href={csvHref} download className="text-xs font-medium text-primary underline-offset-4 hover:underline">
              {t("csv")}
            </a>
          ) : null}
        </div>
      </form>
      {error ? (
        <p role="alert" className="m-4 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm text-destructive">
          {t("error", { message: error })}
        </p>
      ) : versions && versions.length === 0 ? (
        <p className="m-4 max-w-xl rounded-lg border border-dashed p-6 text-sm text-muted-foreground">{t("noVersions")}</p>
      ) : view && loaded ? (
        <ReadOnlyFlow
          key={`${loaded.overlay.version.number}/${loaded.overlay.range.from}/${loaded.overlay.range.to}`}
          content={view.content}
          figures={view.figures}
          flowId={flowId}
          queues={queues}
          side={() => <NodeAnalyticsPanel flowId={flowId} overlay={loaded.overlay} />}
        />
      ) : (
        <div className="flex flex-1 items-center justify-center text-sm text-muted-foreground">
          <Loader2 className="mr-2 size-4 animate-spin" aria-hidden />
          {t("loading")}
        </div>
      )}
    </div>
  );
}
