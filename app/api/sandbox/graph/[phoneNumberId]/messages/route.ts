import { getDb } from "@/lib/db";
import { acceptGraphRequest, graphErrorAnswer } from "@/lib/sandbox/graph-endpoint";

/**
 * The built-in fake Graph API for sandbox channels. Public like the real one: it authenticates
 * the channel's access token, not a user, and answers in Graph's shapes (errors included).
 */
export async function POST(request: Request, { params }: { params: Promise<{ phoneNumberId: string }> }) {
  try {
    const { phoneNumberId } = await params;
    // Authenticates first, then reads the body capped (see acceptGraphRequest).
    const answer = await acceptGraphRequest(await getDb(), { phoneNumberId, authorization: request.headers.get("authorization"), request });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    const answer = graphErrorAnswer(error);
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  }
}
