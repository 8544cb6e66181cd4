import { connectDatabase } from "./connect";
import { runMigrations } from "./migrate";

const connection = await connectDatabase({ url: process.env.DATABASE_URL, max: 1 });
await runMigrations(connection);
await connection.close();
console.log(`Migrations applied (${connection.driver}).`);
