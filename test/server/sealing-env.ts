// The environment of the sealing tests (webhook-seal, key-rotation): a database whose app runs with a
// CONFAB_KEY_SECRET, a real webhook receiver, no webhooks or deliveries left over between tests, and the
// start as `npm start` runs it (setup.ts) on that database.
import { after, before, beforeEach } from 'node:test';
import type { Config } from '../../server/src/config.js';
import { setup } from '../../server/src/setup.js';
import { setupTestEnv, webhookReceiver, type TestEnv } from './helpers.js';

export interface SealingEnv {
  env: TestEnv;
  receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  /** Starts and closes again at once (the database stays open); resolves to how many rows the start sealed again. */
  start(config: Partial<Config>): Promise<number>;
}

/**
 * Registers the suite's hooks. `ready` gets the environment once it is up: a `before` of the test file's
 * own would not wait for this one (node:test runs a file's top-level `before` hooks side by side).
 */
export function sealingEnv(name: string, keySecret: string, ready: (s: SealingEnv) => void): SealingEnv {
  const s = {} as SealingEnv;
  before(async () => {
    s.env = await setupTestEnv(name, { config: { keySecret, webhookAllow: ['127.0.0.1'] } });
    s.receiver = await webhookReceiver();
    ready(s);
  });
  after(async () => {
    await s.receiver?.close();
    await s.env?.close();
  });
  beforeEach(async () => {
    await s.env.db.query(`DELETE FROM deliveries WHERE channel = 'webhook'`);
    await s.env.db.query('DELETE FROM webhooks');
    s.receiver.received.length = 0;
  });
  s.start = async (config) => {
    const db = { ...s.env.db, close: async () => {} };
    const started = await setup({ db, auth: s.env.auth, seed: false, config: { webhookAllow: ['127.0.0.1'], ...config } });
    await started.close();
    return started.resealed;
  };
  return s;
}
