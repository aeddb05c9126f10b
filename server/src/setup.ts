// Opens the database, migrates, seeds on first start and builds the app: shared by main.ts and tests.
import { fileURLToPath } from 'node:url';
import { authFor, type Auth } from './auth.js';
import { startConfigFromEnv, type StartConfig } from './config.js';
import { createApp, type AppOptions, type ConfabApp } from './app.js';
import { createDb, type Db } from './db.js';
import { migrate } from './migrate.js';
import { seedIfEmpty } from './seed.js';
import { checkIssuerKeys, PRIVATE_JWKS } from './openbadges/ob3/keys.js';
import { checkWebhookSecrets, WEBHOOK_SECRETS } from './notify/webhook-secrets.js';
import { checkSealedRows } from './seal/sealed-rows.js';
import { resealRows } from './seal/reseal.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartOptions extends Partial<Omit<AppOptions, 'db' | 'auth'>> {
  db?: Db;
  auth?: Auth;
  databaseUrl?: string;
  dataDir?: string;
  schema?: string;
  seed?: boolean;
}

export async function setup(o: StartOptions = {}, start: StartConfig = startConfigFromEnv()): Promise<ConfabApp & { db: Db; auth: Auth; seeded: boolean; resealed: number }> {
  const auth = o.auth ?? authFor(start);
  const db =
    o.db ??
    (await createDb({
      url: o.databaseUrl ?? start.databaseUrl,
      dataDir: o.dataDir ?? start.dataDir ?? REPO_ROOT + '.data',
      schema: o.schema ?? start.schema,
      poolSize: start.pgPoolSize,
    }));
  await migrate(db);
  const seeded = o.seed === false ? false : await seedIfEmpty(db);
  const built = createApp({ ...o, db, auth });
  let resealed = 0;
  try {
    const sealed = [PRIVATE_JWKS, WEBHOOK_SECRETS];
    // A change of secret first (CONFAB_KEY_SECRET_PREVIOUS): afterwards every sealed row opens with CONFAB_KEY_SECRET.
    resealed = await resealRows(db, sealed, built.config.keySecret, built.config.previousKeySecret);
    // A missing or wrong CONFAB_KEY_SECRET stops the start here, with its message (keys.ts, webhook-secrets.ts),
    // before either table seals a plain row: a secret one table refuses must not seal the other's.
    await checkSealedRows(db, sealed, built.config.keySecret);
    await checkIssuerKeys(db, built.config.keySecret);
    await checkWebhookSecrets(db, built.config.keySecret);
  } catch (e) {
    await built.close();
    if (!o.db) await db.close();
    throw e;
  }
  return {
    ...built,
    db,
    auth,
    seeded,
    resealed,
    close: async () => {
      await built.close();
      await db.close();
    },
  };
}
