/**
 * The benchmark's ceiling: the least a webhook receiver can do — verify the signature and
 * insert one row per request into PostgreSQL — on a bare node:http server with the same
 * pool size as the app. The runtime's end-to-end throughput is reported as a share of this.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import postgres from "postgres";

const secret = process.env.CEILING_APP_SECRET!;
const sql = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
await sql`create table if not exists bench_ceiling (id bigserial primary key, wa_message_id text not null unique, payload jsonb not null, received_at timestamptz not null default now())`;

const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    const header = String(req.headers["x-hub-signature-256"] ?? "");
    const expected = createHmac("sha256", secret).update(body).digest();
    const given = Buffer.from(header.replace(/^sha256=/, ""), "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    try {
      const payload = JSON.parse(body.toString("utf8"));
      const id = payload.entry[0].changes[0].value.messages[0].id as string;
      await sql`insert into bench_ceiling (wa_message_id, payload) values (${id}, ${sql.json(payload)}) on conflict do nothing`;
      res.writeHead(200, { "content-type": "text/plain" }).end("OK");
    } catch {
      res.writeHead(503).end();
    }
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.({ type: "ready" }));
