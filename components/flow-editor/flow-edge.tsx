"use client";

import { BaseEdge, type EdgeProps, getSmoothStepPath, Position, type ReactFlowState, useStore } from "@xyflow/react";
import { memo, useCallback } from "react";

/** Cards are this wide (NodeShell): the input handle sits at the middle of the top edge. */
const CARD_HALF_WIDTH = 130;
/**
 * Where a line enters a card from the left: the middle of its header. React Flow gives the
 * top of the input handle, which sits half its size (6) above the card.
 */
const HEADER_MIDDLE = 6 + 14;
/** A line needs this much room between the output and the card it enters from the side. */
const SIDE_ENTRY_MIN_GAP = 32;
const FIRST_TURN = 18;
const TURN_STEP = 12;

/**
 * How many right-side outputs sit below this one on its card. Lower options turn down
 * earlier (closer to the card), so lines leaving neighbouring rows never cross each other.
 * A number, so a drag elsewhere does not re-render the edge.
 */
function useRowsBelow(source: string, handle: string | null | undefined): number {
  const selector = useCallback(
    (s: ReactFlowState) => {
      const bounds = s.nodeLookup.get(source)?.internals.handleBounds?.source;
      if (!bounds || !handle) return 0;
      const right = bounds.filter((h) => h.position === Position.Right);
      const index = right.findIndex((h) => h.id === handle);
      return index < 0 ? 0 : right.length - 1 - index;
    },
    [source, handle],
  );
  return useStore(selector);
}

/**
 * The connection line: a rounded step path. An option on a card's right edge whose next step
 * is to the right enters that step from the left, level with its header, so lines run beside
 * the cards rather than behind them and each option's line can be followed to its step.
 * Everything else (bottom outputs, steps to the left) goes into the top of the next step.
 */
export const FlowEdge = memo(function FlowEdge({
  id,
  source,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  sourceHandleId,
  markerEnd,
  style,
  interactionWidth,
  label,
  data,
}: EdgeProps) {
  const rowsBelow = useRowsBelow(source, sourceHandleId);
  const targetLeft = targetX - CARD_HALF_WIDTH;
  const sideEntry = sourcePosition === Position.Right && targetLeft - sourceX >= SIDE_ENTRY_MIN_GAP;
  const [path, labelX, labelY] = sideEntry
    ? getSmoothStepPath({
        sourceX,
        sourceY,
        sourcePosition,
        targetX: targetLeft,
        targetY: targetY + HEADER_MIDDLE,
        targetPosition: Position.Left,
        borderRadius: 8,
        centerX: sourceX + Math.min(FIRST_TURN + rowsBelow * TURN_STEP, (targetLeft - sourceX) / 2),
      })
    : getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 8, offset: 16 });
  // The analytics overlay labels an edge with its traffic (data.traffic); the editor does not.
  const traffic = (data as { traffic?: number } | undefined)?.traffic;
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      style={style}
      interactionWidth={interactionWidth}
      {...(traffic !== undefined && label
        ? { label, labelX, labelY, labelShowBg: true, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 4, labelStyle: { fontSize: 11, fontWeight: 600 } }
        : {})}
    />
  );
});

export const edgeTypes = { flow: FlowEdge };
