// Demo mode only (no token key configured): the seeded people, and a token for any of them, so the
// portal and Storybook can switch between partners without an identity provider.
import type { Hono } from 'hono';
import type { Auth } from '../auth.js';
import type { Db } from '../db.js';
import type { AppEnv } from '../http-env.js';
import { HttpError } from '../problem.js';
import type { DemoPersonRow, PersonRow } from '../rows.js';

export function mountDemo(app: Hono<AppEnv>, db: Db, auth: Auth): void {
  if (!auth.demo || !auth.sign) return;
  const sign = auth.sign;
  app.get('/api/demo/users', async (c) => {
    const { rows } = await db.query<Pick<PersonRow, 'id' | 'name' | 'org_id' | 'org_name' | 'tier' | 'roles'>>(
      `SELECT p.id, p.name, p.org_id, COALESCE(o.name, p.org_name) AS org_name, p.tier, p.roles
       FROM people p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.demo ORDER BY (p.id ~ '^p-[0-9]'), p.id`,
    );
    return c.json(
      rows.map((r) => ({ id: r.id, name: r.name, org: r.org_id ? { id: r.org_id, name: r.org_name ?? r.org_id } : null, tier: r.tier ?? null, roles: r.roles ?? [] })),
    );
  });
  app.get('/api/demo/token', async (c) => {
    const id = c.req.query('user') ?? '';
    const { rows } = await db.query<DemoPersonRow>(`SELECT p.*, o.name AS oname FROM people p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.id = $1 AND p.demo`, [id]);
    const p = rows[0];
    if (!p) throw new HttpError(404, 'Not Found', 'No demo person with that id.', [{ path: 'user', message: 'unknown demo user' }]);
    return c.json({ token: await sign({ id: p.id, name: p.name, org: p.org_id, orgName: p.oname ?? p.org_name, tier: p.tier, roles: p.roles ?? [], email: p.email, emailVerified: true }) });
  });
}
