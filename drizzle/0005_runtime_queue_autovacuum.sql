-- Custom SQL migration file, put your code below! --
-- inbox and outbox are queues: every row is inserted, updated a couple of times and then
-- never read again by the hot path. PostgreSQL's default (vacuum after 20 % of the table
-- changed) lets the partial "pending" indexes fill with entries of finished rows, which every
-- claim then has to step over. Vacuum them after a fixed number of changes instead.
ALTER TABLE "inbox" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "outbox" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "conversations" SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05);
