import { notFound } from "next/navigation";
import { BareReactFlow } from "@/components/flow-editor/bench/bare-react-flow";
import { env } from "@/lib/config/env";

/**
 * Bench-only baseline for `npm run bench:editor`: React Flow with default nodes and no
 * Atendo code, to compare the editor against. Absent (404) unless ATENDO_BENCH=1.
 */
export const dynamic = "force-dynamic";

export default async function BareReactFlowBenchPage({ searchParams }: { searchParams: Promise<{ n?: string }> }) {
  if (!env.ATENDO_BENCH) notFound();
  const n = Math.min(5000, Math.max(1, Number((await searchParams).n) || 100));
  return <BareReactFlow count={n} />;
}
