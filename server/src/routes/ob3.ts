// Open Badges 3.0 documents: the issuer's did:web document and JWKS, each certification as a signed
// OpenBadgeCredential (VC-JWT), and the revocation status list. All public, like the 2.0 documents.
import type { Context, Env, Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import { HttpError } from '../problem.js';
import type { BadgeClassRow, CertificationRow } from '../rows.js';
import { openBadgeCredential } from '../openbadges/ob3/credential.js';
import { didDocument, jwks, keyId } from '../openbadges/ob3/did-document.js';
import { publishedKeys, signingKey, type IssuerKey } from '../openbadges/ob3/keys.js';
import { KeySealError } from '../seal/seal.js';
import { signVcJwt } from '../openbadges/ob3/sign.js';
import { encodeStatusList, revokedIndexes, statusListCredential } from '../openbadges/ob3/status-list.js';
import { ob3Urls } from '../openbadges/ob3/urls.js';

export interface Ob3Deps {
  db: Db;
  config: Config;
  /** The public origin documents are issued under (config.publicUrl, else the request's). */
  originOf: (c: Context) => string;
}

// OB 3.0 §5.3: a VC-JWT served over HTTP SHOULD be text/plain.
const JWT_TEXT = { 'content-type': 'text/plain; charset=utf-8' };

/** Adds the OB 3.0 routes to the app; generic over the app's Env, which these routes do not read. */
export function registerOb3Routes<E extends Env>(app: Hono<E>, { db, config, originOf }: Ob3Deps): void {
  // The secret is bound once here, so no route can ask for the keys without it.
  const published = () => publishedKeys(db, config.keySecret);
  const signing = async (): Promise<IssuerKey> => {
    try {
      return await signingKey(db, config.keySecret);
    } catch (e) {
      // Anything else (the database down) stays a 500 with its stack.
      if (!(e instanceof KeySealError)) throw e;
      // A configuration fault (CONFAB_KEY_SECRET missing or wrong, a damaged row): the operator reads why
      // in the log, the client gets a 503; the public keys, and so every credential already issued, still verify.
      console.error(`[confab] ${e.message}`);
      throw new HttpError(503, 'Service Unavailable', 'The issuer cannot sign right now.');
    }
  };
  // did:web lives at /.well-known/did.json, or at <path>/did.json when the public URL has a path
  // (a proxy that strips the path sends that here as /did.json).
  for (const path of ['/.well-known/did.json', '/did.json']) {
    app.use(path, cors({ origin: '*', allowMethods: ['GET'] }));
    app.get(path, async (c) => c.json(didDocument(originOf(c), await published()), 200, { 'content-type': 'application/did+json' }));
  }

  app.get('/ob/v3/jwks.json', async (c) => c.json(jwks(originOf(c), await published()), 200, { 'content-type': 'application/jwk-set+json' }));

  app.get('/ob/v3/credentials/:id', async (c) => {
    const { rows } = await db.query<CertificationRow & { b_id: string; b_name: string; b_description: string; b_criteria: string; b_color: string }>(
      `SELECT c.*, b.id AS b_id, b.name AS b_name, b.description AS b_description, b.criteria AS b_criteria, b.color AS b_color
       FROM certifications c JOIN badge_classes b ON b.id = c.badge_id WHERE c.id = $1`,
      [c.req.param('id')],
    );
    const row = rows[0];
    if (!row) throw new HttpError(404, 'Not Found', 'No such credential.');
    const badge: BadgeClassRow = { id: row.b_id, name: row.b_name, description: row.b_description, criteria: row.b_criteria, color: row.b_color };
    const origin = originOf(c);
    const key = await signing();
    // A revoked credential is still served: its status list entry, not the HTTP status, says it is revoked.
    const jwt = await signVcJwt(openBadgeCredential(origin, config, row, badge), key, keyId(origin, key));
    return c.body(jwt, 200, { ...JWT_TEXT, 'cache-control': 'public, max-age=60' });
  });

  app.get('/ob/v3/status/revocation', async (c) => {
    const origin = originOf(c);
    const u = ob3Urls(origin);
    const key = await signing();
    const list = statusListCredential(u.statusList, u.did, encodeStatusList(await revokedIndexes(db)));
    const jwt = await signVcJwt(list, key, keyId(origin, key));
    // Verifiers must see a revocation soon: a short cache only.
    return c.body(jwt, 200, { ...JWT_TEXT, 'cache-control': 'public, max-age=30' });
  });
}
