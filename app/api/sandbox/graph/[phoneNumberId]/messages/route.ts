import { getDb } from "@/lib/db";
import { acceptGraphRequest, graphErrorAnswer, MAX_GRAPH_BODY_BYTES, requestTooLarge } from "@/lib/sandbox/graph-endpoint";

/**
 * The built-in fake Graph API for sandbox channels. Public like the real one: it authenticates
 * the channel's access token, not a user, and answers in Graph's shapes (errors included).
 */
export async function POST(request: Request, { params }: { params: Promise<{ phoneNumberId: string }> }) {
  try {
    // Refused before reading: a body this large is never a real send request.
    if (Number(request.headers.get("content-length") ?? 0) > MAX_GRAPH_BODY_BYTES) throw requestTooLarge();
    const { phoneNumberId } = await params;
    const answer = await acceptGraphRequest(await getDb(), {
      phoneNumberId,
      authorization: request.headers.get("authorization"),
      rawBody: await request.text(),
    });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    const answer = graphErrorAnswer(error);
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  }
}
