// Server load: the real reference server with N concurrent SSE clients on /api/v1/events while a
// steady write load creates threads through the API (demo tokens, rotating users) for --duration s.
// Then checks every client got every `thread.created` event (by id), counts errors, and samples the
// server's RSS (/proc/<pid>/status VmRSS) every 5 s. Prints a Markdown table.
// Usage: node bench/sse-load.mjs [--duration=60] [--clients=200] [--rate=5]
import http from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { startServer } from '../test/e2e/server.mjs';

const arg = (n, d) => Number(process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d);
const DURATION = arg('duration', 60), CLIENTS = arg('clients', 200), RATE = arg('rate', 5);

// The per-user write limit would throttle a steady load; lift it for the benchmark (it is not what we measure).
const server = await startServer({ CONFAB_RATE_LIMIT: '1000000' });
const { origin } = server;
const { port } = new URL(origin);

// The server is our child (spawned without a shell): find its pid through /proc.
function serverPid() {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('server/src/main.ts')) return Number(d);
    } catch { /* gone */ }
  }
  return null;
}
const pid = serverPid();
const rssKb = () => { try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return null; } };

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let sseErrors = 0;
const clients = [];
function openClient(i) {
  const c = { i, ids: new Set(), connected: false, errors: 0, req: null };
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/events', agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { c.errors++; sseErrors++; res.resume(); return resolve(c); }
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk) => {
        buf += chunk;
        let k;
        while ((k = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, k);
          buf = buf.slice(k + 2);
          if (block.startsWith(': connected') && !c.connected) { c.connected = true; resolve(c); }
          let event = '', data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (event === 'thread.created') { try { c.ids.add(JSON.parse(data).id); } catch { c.errors++; sseErrors++; } }
        }
      });
      res.on('error', () => { if (!c.closing) { c.errors++; sseErrors++; } });
      res.on('end', () => { if (!c.closing) { c.errors++; sseErrors++; } });
    });
    req.on('error', () => { if (!c.closing) { c.errors++; sseErrors++; } resolve(c); });
    c.req = req;
  });
}

const rss = [];
let sampler;
try {
  const rssStart = rssKb();
  rss.push(rssStart);
  const t0 = Date.now();
  for (let i = 0; i < CLIENTS; i += 50) clients.push(...(await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, (_, j) => openClient(i + j)))));
  const connectMs = Date.now() - t0;
  const connected = clients.filter((c) => c.connected).length;

  const users = (await (await fetch(`${origin}/api/demo/users`)).json()).filter((u) => u.org);
  const tokens = await Promise.all(users.map(async (u) => (await (await fetch(`${origin}/api/demo/token?user=${u.id}`)).json()).token));

  sampler = setInterval(() => rss.push(rssKb()), 5000);
  const sent = [];
  let writeErrors = 0;
  const lat = [];
  const total = Math.round(DURATION * RATE);
  const start = Date.now();
  const inflight = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const token = tokens[n % tokens.length];
    const w0 = performance.now();
    inflight.push(fetch(`${origin}/api/v1/threads`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: `Load test thread ${n}`, body: `Steady write ${n} from the SSE load benchmark.`, category: 'technical', tags: ['bench'] }),
    }).then(async (r) => {
      lat.push(performance.now() - w0);
      if (!r.ok) { writeErrors++; return; }
      const body = await r.json();
      sent.push(body.id ?? body.thread?.id);
    }).catch(() => writeErrors++));
  }
  await Promise.all(inflight);
  // Let the last events drain (bounded).
  const drainUntil = Date.now() + 10_000;
  while (Date.now() < drainUntil && clients.some((c) => c.connected && sent.some((id) => !c.ids.has(id)))) await new Promise((r) => setTimeout(r, 100));
  clearInterval(sampler);
  rss.push(rssKb());

  const live = clients.filter((c) => c.connected);
  const got = live.map((c) => sent.filter((id) => c.ids.has(id)).length);
  const complete = got.filter((g) => g === sent.length).length;
  const p = (q) => { const s = [...lat].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(0) : 'n/a'; };
  const valid = rss.filter((x) => x != null);
  const fmtMb = (kb) => (kb == null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
  console.log(`\n### Server load: ${CLIENTS} SSE clients + ${RATE} threads/s for ${DURATION} s (PGlite, loopback)\n`);
  console.log('| clients connected | events sent | received per client min / max | clients with every event | errors (SSE / writes) | write latency p50 / p95 | RSS start / end / max |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| ${connected}/${CLIENTS} (in ${connectMs} ms) | ${sent.length} of ${total} | ${got.length ? Math.min(...got) : 0} / ${got.length ? Math.max(...got) : 0} | ${complete} | ${sseErrors} / ${writeErrors} | ${p(0.5)} ms / ${p(0.95)} ms | ${fmtMb(valid[0])} / ${fmtMb(valid.at(-1))} / ${fmtMb(Math.max(...valid))} |`);
  console.log(`\nRSS samples (5 s): ${valid.map((k) => (k / 1024).toFixed(0)).join(', ')} MB${pid ? '' : ' (server pid not found)'}`);
} finally {
  clearInterval(sampler);
  for (const c of clients) { c.closing = true; c.req?.destroy(); }
  agent.destroy();
  await server.stop();
}
