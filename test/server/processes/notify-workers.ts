// One notification worker PROCESS for multiprocess-outbox.test.ts: the app's outbox worker (fan-out)
// and delivery worker (webhooks through the SSRF-safe sender), as main.ts runs them, on the database
// and schema named by DATABASE_URL and CONFAB_DB_SCHEMA. It prints `ready`, starts both workers when
// the test writes `go` on stdin (so that the processes race from the same instant), and on SIGTERM
// prints how many webhooks it sent (`sent N`) and exits.
import { createInterface } from 'node:readline';
import { createDb } from '../../../server/src/db.js';
import { createDeliveryWorker, type Sender } from '../../../server/src/notify/delivery-worker.js';
import { publishedOnly } from '../../../server/src/notify/moderation-hook.js';
import { webhookSender } from '../../../server/src/notify/webhook-sender.js';
import { createOutboxWorker } from '../../../server/src/notify/worker.js';
import { safePost } from '../../../server/src/openbadges/fetch.js';

const db = await createDb({ url: process.env.DATABASE_URL!, schema: process.env.CONFAB_DB_SCHEMA! });
const webhook = webhookSender(safePost({ allowHttp: true, allowHosts: ['127.0.0.1'], timeoutMs: 5000 }));
let sent = 0;
const counted: Sender = async (q, d) => {
  const r = await webhook(q, d);
  sent++;
  return r;
};
// Small batches and short polls: many claims, so the two processes really interleave.
const notifier = createOutboxWorker(db, { gate: publishedOnly, userChannel: `${process.env.CONFAB_DB_SCHEMA}_user`, batch: 2, pollMs: 20 });
const deliverer = createDeliveryWorker(db, { senders: { webhook: counted }, batch: 2, pollMs: 20 });

process.on('SIGTERM', async () => {
  await notifier.stop();
  await deliverer.stop();
  process.stdout.write(`sent ${sent}\n`);
  await db.close();
  process.exit(0);
});

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'go') return;
  notifier.start();
  deliverer.start();
});
process.stdout.write('ready\n');
