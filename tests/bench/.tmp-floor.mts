import { spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { readFileSync } from "node:fs";
import postgres from "postgres";
const root = "/work/main";
const db = `atendo_fl_${randomBytes(3).toString("hex")}`;
const admin = postgres("postgres://postgres@127.0.0.1:5432/test", { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${db}`);
const port = 3392; const secret = "s3cret";
const app = spawn(process.execPath, [`${root}/node_modules/next/dist/bin/next`, "start", "-p", String(port), "-H", "127.0.0.1"], {
  cwd: root, env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next-runtime", DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, NEXTAUTH_SECRET: "x".repeat(40), RUNTIME_DISABLED: "1",
    WHATSAPP_GRAPH_URL: "http://127.0.0.1:9/v1", WHATSAPP_PHONE_NUMBER_ID: "1555", WHATSAPP_ACCESS_TOKEN: "t", WHATSAPP_APP_SECRET: secret, WHATSAPP_VERIFY_TOKEN: "v" }, stdio: "ignore" });
for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const cpu = () => { const st = readFileSync(`/proc/${app.pid}/stat`, "utf8"); const f = st.slice(st.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const req = (method: string, path: string, body?: string) => new Promise<number>((resolve) => {
  const headers: Record<string, string | number> = {};
  if (body) { headers["content-type"] = "application/json"; headers["content-length"] = Buffer.byteLength(body); headers["x-hub-signature-256"] = "sha256=" + createHmac("sha256", secret).update(body).digest("hex"); }
  const r = http.request({ host: "127.0.0.1", port, path, method, agent, headers }, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode!)); });
  r.on("error", () => resolve(0)); r.end(body);
});
let n = 0;
const body = () => `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"1555"},"contacts":[{"profile":{"name":"A"},"wa_id":"551190000${n % 2000}"}],"messages":[{"from":"551190000${n % 2000}","id":"wamid.${randomBytes(8).toString("hex")}.${n++}","timestamp":"1700000000","type":"text","text":{"body":"menu"}}]}}]}]}`;
const bad = '{"object":"whatsapp_business_account","entry":[]}';
for (const [name, fn] of [["warm webhook", () => req("POST", "/api/webhooks/whatsapp", body())], ["health (select 1)", () => req("GET", "/api/health")], ["webhook 401 (no db)", () => new Promise<number>((resolve) => { const r = http.request({ host: "127.0.0.1", port, path: "/api/webhooks/whatsapp", method: "POST", agent, headers: { "content-type": "application/json", "content-length": bad.length } }, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode!)); }); r.end(bad); })], ["webhook 200 (insert)", () => req("POST", "/api/webhooks/whatsapp", body())]] as const) {
  const end = Date.now() + 6000; let done = 0; const c0 = cpu();
  await Promise.all(Array.from({ length: 32 }, async () => { while (Date.now() < end) { await fn(); done++; } }));
  console.log(`${name}: ${(done / 6).toFixed(0)} req/s, ${((cpu() - c0) / done).toFixed(3)} ms CPU/request`);
}
app.kill("SIGKILL"); await new Promise((r) => setTimeout(r, 500));
await admin.unsafe(`drop database ${db} with (force)`); await admin.end(); process.exit(0);
