// The CPU one request costs the server, measured in-process: a minimal keep-alive HTTP/1.1 client on a
// raw socket sends the same GET n times, one after the other with no pause, and the process's CPU time
// (user + system, all threads) is divided by n. The client's share is a few string operations, the
// same for every target, so the difference between two targets is the difference between their
// request paths; with no idle time between requests the caches stay warm, so this is the figure a
// quiet machine would show, and it moves much less with other work on the machine than req/s does.
import { connect, type Socket } from 'node:net';

/** Sends `GET path` n times on one connection; resolves with CPU µs and wall µs per request. */
export async function costPerRequest(port: number, path: string, n: number): Promise<{ cpu: number; wall: number }> {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise((r) => socket.once('connect', r));
  const request = `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: keep-alive\r\n\r\n`;
  let pending: (() => void) | null = null;
  let buffered = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (responseComplete(buffered)) {
      buffered = '';
      const done = pending;
      pending = null;
      done?.();
    }
  });
  const once = () =>
    new Promise<void>((resolve) => {
      pending = resolve;
      socket.write(request);
    });
  for (let i = 0; i < 50; i++) await once();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await once();
  const wall = ((performance.now() - t0) * 1000) / n;
  const c = process.cpuUsage(cpu0);
  socket.destroy();
  return { cpu: (c.user + c.system) / n, wall };
}

/** Whether `text` holds a whole response: headers, then a Content-Length body or a chunked one up to its last chunk. */
function responseComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = text.slice(0, end).toLowerCase();
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) return text.length - end - 4 >= Number(length[1]);
  if (head.includes('transfer-encoding: chunked')) return text.endsWith('\r\n0\r\n\r\n');
  return true;
}
