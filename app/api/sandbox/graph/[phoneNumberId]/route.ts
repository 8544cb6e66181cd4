import { getDb } from "@/lib/db";
import { graphErrorAnswer } from "@/lib/sandbox/graph-endpoint";
import { getMediaMetadata } from "@/lib/sandbox/graph-media";

/**
 * `GET /{media-id}` of the sandbox's fake Graph API. Next.js names one dynamic segment per
 * level, so the segment is `phoneNumberId` for `…/messages` and `…/media`; here it is a media id,
 * as in Meta's URL scheme.
 */
export async function GET(request: Request, { params }: { params: Promise<{ phoneNumberId: string }> }) {
  try {
    const { phoneNumberId: mediaId } = await params;
    const answer = await getMediaMetadata(await getDb(), { mediaId, authorization: request.headers.get("authorization") });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    const answer = graphErrorAnswer(error);
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  }
}
