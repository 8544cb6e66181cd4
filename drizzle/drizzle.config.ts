import { defineConfig } from "drizzle-kit";

// Paths are relative to the repository root, where npm scripts run.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});
