import { getDb } from "@/lib/db";
import { graphErrorAnswer } from "@/lib/sandbox/graph-endpoint";
import { downloadMedia } from "@/lib/sandbox/graph-media";

/**
 * The short-lived download url `GET /{media-id}` hands out (Meta serves these from its
 * "lookaside" host): the bytes, for the channel's Bearer token only.
 */
export async function GET(request: Request, { params }: { params: Promise<{ mediaId: string }> }) {
  try {
    const { mediaId } = await params;
    return await downloadMedia(await getDb(), { mediaId, authorization: request.headers.get("authorization"), search: new URL(request.url).searchParams });
  } catch (error) {
    const answer = graphErrorAnswer(error);
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  }
}
