import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/guard";

/** Each role lands where its work is. */
export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  redirect(actor.role === "agent" ? "/desk" : "/flows");
}
