/** The flow-binding API (PUT/GET /api/flows/[id]/channels). Browser-safe. */
import { z } from "zod";

/** A number as an editor sees it when choosing where a flow answers: never a credential. */
export type FlowChannelChoice = {
  id: string;
  name: string;
  displayNumber: string;
  sandbox: boolean;
  flow: { id: string; name: string } | null;
};

/** The numbers that should answer with the flow (all of them; an empty list unbinds it everywhere). */
export const setFlowChannelsSchema = z.strictObject({
  channelIds: z.array(z.uuid("Unknown channel id")).max(100),
});
export type SetFlowChannelsInput = z.infer<typeof setFlowChannelsSchema>;
