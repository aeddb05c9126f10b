import type { Author, SignedInMe } from '../../contract/index.js';
import { ORGS, PEOPLE, VENDOR_ORG } from '../../demo-data/index.js';
import type { MemoryData } from './model.js';

/** A signed-in identity for a fixture person, as the portal's token would describe them. */
export function meFor(personId: string): SignedInMe {
  const person = PEOPLE.find(([id]) => id === personId);
  if (!person) throw new Error(`No fixture person ${personId}`);
  const [id, name, orgId, roles] = person;
  const org = ORGS.find(([oid]) => oid === orgId);
  return { authenticated: true, id, name, org: org ? { id: org[0], name: org[1] } : null, tier: org ? org[2] : null, roles: [...roles] };
}

/** The caller's person record, added on their first write when they are not in the fixtures. */
export function authorIdFor(data: MemoryData, me: SignedInMe): string {
  if (!data.people.some((p) => p.id === me.id)) {
    const orgId = me.org?.id ?? null;
    if (me.org && !data.orgs.some((o) => o.id === me.org!.id)) {
      data.orgs.push({ id: me.org.id, name: me.org.name, tier: me.tier ?? 'registered', email: `${me.org.id}@example.com` });
    }
    data.people.push({ id: me.id, name: me.name, email: `${me.id}@example.com`, orgId, roles: [...me.roles], avatarUrl: null });
  }
  return me.id;
}

export function author(data: MemoryData, id: string): Author {
  const p = data.people.find((x) => x.id === id);
  if (!p) return { id, name: 'Former member', orgName: null, avatarUrl: null };
  const org = p.orgId ? data.orgs.find((o) => o.id === p.orgId) : undefined;
  return { id: p.id, name: p.name, orgName: org?.name ?? (p.roles.includes('vendor-staff') ? VENDOR_ORG.name : null), avatarUrl: p.avatarUrl };
}
