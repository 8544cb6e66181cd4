import { getDb } from "@/lib/db";
import { graphErrorAnswer } from "@/lib/sandbox/graph-endpoint";
import { createSandboxTemplate, listSandboxTemplates } from "@/lib/sandbox/graph-templates";

/**
 * `/{waba-id}/message_templates` of the sandbox's fake Graph API (the segment is a WABA id
 * here: Next.js names one dynamic segment per level). Public like Meta's: the bearer token
 * of a sandbox channel of that WABA authenticates.
 */
type Params = { params: Promise<{ phoneNumberId: string }> };

function graphError(error: unknown): Response {
  const answer = graphErrorAnswer(error);
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

export async function GET(request: Request, { params }: Params) {
  try {
    const { phoneNumberId: wabaId } = await params;
    const answer = await listSandboxTemplates(await getDb(), { wabaId, authorization: request.headers.get("authorization"), url: new URL(request.url) });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    return graphError(error);
  }
}

export async function POST(request: Request, { params }: Params) {
  try {
    const { phoneNumberId: wabaId } = await params;
    const answer = await createSandboxTemplate(await getDb(), { wabaId, authorization: request.headers.get("authorization"), request });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    return graphError(error);
  }
}
