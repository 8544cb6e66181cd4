// Per-run names so two runs on one server (CI and a developer, or two developers) never touch each other's databases.
export const RUN_ID = (process.env.ATENDO_TEST_RUN ?? "main").replace(/[^a-z0-9_]/gi, "").toLowerCase();
export const TEMPLATE_DATABASE = `atendo_tpl_${RUN_ID}`;
