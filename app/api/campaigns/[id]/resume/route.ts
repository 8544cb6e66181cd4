import { campaignActionRoute } from "@/lib/contacts/campaigns/action-route";

export const POST = campaignActionRoute("resume");
