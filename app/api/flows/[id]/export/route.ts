import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { exportQuerySchema, flowIdParamsSchema } from "@/lib/flows/schemas";
import { attachmentDisposition, exportFileText, exportFlow } from "@/lib/flows/transfer";

/** `?version=draft|active|<n>` (default draft): the `{name, document}` file, as a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const { version } = parseInput(exportQuerySchema, { version: new URL(request.url).searchParams.get("version") || undefined });
    const { fileName, file } = await exportFlow(await getDb(), id, version);
    return new Response(exportFileText(file), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": attachmentDisposition(fileName),
        "cache-control": "no-store",
      },
    });
  });
}
