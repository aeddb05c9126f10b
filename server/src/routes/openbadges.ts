// The Open Badges 2.0 hosted documents under /ob/: issuer, badge classes with their images, and
// assertions (a revoked assertion answers 410 with its document, as hosted verification expects).
import type { Context, Hono } from 'hono';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { assertionDoc, badgeDoc, badgeSvg, issuerDoc } from '../openbadges/documents.js';
import { HttpError } from '../problem.js';
import type { BadgeClassRow, CertificationRow } from '../rows.js';

export function mountOpenBadges(app: Hono<AppEnv>, db: Db, config: Config, originOf: (c: Context) => string): void {
  app.get('/ob/issuer', (c) => c.json(issuerDoc(originOf(c), config), 200, { 'content-type': 'application/ld+json' }));
  app.get('/ob/badges/:id/image.svg', async (c) => {
    const { rows } = await db.query<Pick<BadgeClassRow, 'name' | 'color'>>(`SELECT name, color FROM badge_classes WHERE id = $1`, [c.req.param('id')]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', 'No such badge.');
    return c.body(badgeSvg(rows[0]), 200, { 'content-type': 'image/svg+xml' });
  });
  app.get('/ob/badges/:id', async (c) => {
    const { rows } = await db.query<BadgeClassRow>(`SELECT * FROM badge_classes WHERE id = $1`, [c.req.param('id')]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', 'No such badge.');
    return c.json(badgeDoc(originOf(c), rows[0]), 200, { 'content-type': 'application/ld+json' });
  });
  app.get('/ob/assertions/:id', async (c) => {
    const { rows } = await db.query<CertificationRow>(`SELECT * FROM certifications WHERE id = $1`, [c.req.param('id')]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', 'No such assertion.');
    return c.json(assertionDoc(originOf(c), rows[0]), rows[0].revoked ? 410 : 200, { 'content-type': 'application/ld+json' });
  });
}
