// `npm run db:migrate` (tsx with the react-server condition, so the server-only config module loads).
import { checkEnv, env } from "@/lib/config/env";
import { connectDatabase } from "./connect";
import { runMigrations } from "./migrate";

checkEnv();
const connection = await connectDatabase({ url: env.DATABASE_URL, max: 1, dataDir: env.PGLITE_DATA_DIR });
await runMigrations(connection);
await connection.close();
console.log(`Migrations applied (${connection.driver}).`);
