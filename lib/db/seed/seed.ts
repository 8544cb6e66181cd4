import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { channels, flows, flowVersions, queueMembers, queues, users, workspace } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { defaultBusinessHours } from "@/lib/flow/business-hours";
import { channelFromEnv, sandboxSecrets, sealSecrets, SANDBOX_DISPLAY_NUMBER, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID } from "@/lib/channels/credentials";
import { flowChecksum } from "@/lib/flows/checksum";
import { demoFlowDocument } from "./demo-flow";

export const DEMO_PASSWORD = "atendo-demo";
export const DEMO_USERS = [
  { email: "admin@demo.atendo", name: "Ana Admin", role: "admin" },
  { email: "editor@demo.atendo", name: "Eduardo Editor", role: "editor" },
  { email: "agent@demo.atendo", name: "Alicia Agente", role: "agent" },
  { email: "agent2@demo.atendo", name: "Bruno Agente", role: "agent" },
] as const;

export type SeedOptions = { demo: boolean; adminEmail?: string; adminPassword?: string };

/** Runs at every start; idempotent. Creates the workspace and default channel, and the demo data on an empty database. */
export async function seed(db: Db, options: SeedOptions): Promise<{ seededDemo: boolean }> {
  return db.transaction(async (tx) => {
    // Serialises concurrent starts of several instances on one PostgreSQL.
    await tx.execute(sql`select pg_advisory_xact_lock(7142002)`);
    const [ws] = await tx.select().from(workspace);
    if (!ws) {
      await tx.insert(workspace).values({ id: 1, name: "Tienda Aurora", timeZone: "America/Sao_Paulo", businessHours: defaultBusinessHours() });
    }

    const [soporte] = await tx.select().from(queues).where(eq(queues.slug, "soporte"));
    const defaultQueue =
      soporte ?? (await tx.insert(queues).values({ slug: "soporte", name: "Soporte", isDefault: true }).returning())[0]!;

    const fromEnv = channelFromEnv();
    const [existingDefault] = await tx.select().from(channels).where(eq(channels.isDefault, true));
    let channelId = existingDefault?.id;
    if (fromEnv) {
      const values = { phoneNumberId: fromEnv.phoneNumberId, displayNumber: fromEnv.displayNumber, sandbox: false, ...sealSecrets(fromEnv.secrets) };
      if (existingDefault) await tx.update(channels).set({ ...values, updatedAt: new Date() }).where(eq(channels.id, existingDefault.id));
      else channelId = (await tx.insert(channels).values({ name: "WhatsApp", isDefault: true, ...values }).returning())[0]!.id;
    } else if (!existingDefault) {
      channelId = (
        await tx
          .insert(channels)
          .values({
            name: "Sandbox",
            phoneNumberId: SANDBOX_PHONE_NUMBER_ID,
            displayNumber: SANDBOX_DISPLAY_NUMBER,
            sandbox: true,
            isDefault: true,
            wabaId: SANDBOX_WABA_ID,
            ...sealSecrets(sandboxSecrets()),
          })
          .returning()
      )[0]!.id;
    }

    const [{ value: userCount }] = await tx.select({ value: count() }).from(users);
    if (userCount === 0 && options.adminEmail && options.adminPassword) {
      await tx.insert(users).values({ email: options.adminEmail.toLowerCase(), name: "Admin", role: "admin", passwordHash: await hashPassword(options.adminPassword) });
    }
    if (userCount > 0 || !options.demo) return { seededDemo: false };

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const created = await tx.insert(users).values(DEMO_USERS.map((u) => ({ ...u, passwordHash }))).returning();
    const ventas = (await tx.insert(queues).values({ slug: "ventas", name: "Ventas" }).returning())[0]!;
    const admin = created.find((u) => u.role === "admin")!;
    const agents = created.filter((u) => u.role === "agent");
    await tx.insert(queueMembers).values([
      ...agents.map((a) => ({ queueId: defaultQueue.id, userId: a.id })),
      { queueId: ventas.id, userId: agents[0]!.id },
    ]);

    const document = demoFlowDocument();
    const [flow] = await tx.insert(flows).values({ name: "Menú principal", draft: document, createdBy: admin.id, updatedBy: admin.id }).returning();
    const checksum = flowChecksum(document);
    const [version] = await tx
      .insert(flowVersions)
      .values({ flowId: flow!.id, number: 1, document, checksum, authorId: admin.id, note: "Versión inicial de demostración" })
      .returning();
    await tx.update(flows).set({ activeVersionId: version!.id }).where(eq(flows.id, flow!.id));
    if (channelId) await tx.update(channels).set({ flowId: flow!.id }).where(eq(channels.id, channelId));
    return { seededDemo: true };
  });
}
