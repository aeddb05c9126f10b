import type { Me, Role, Tier } from '../../contract/index.js';
import { TIERS } from '../../contract/index.js';
import type { DSession } from './types.js';

/**
 * How a vendor's Discourse groups become Confab's org, tier and roles. Discourse has groups only;
 * the vendor decides which groups mean what. Names are Discourse group names (`name`, not `full_name`).
 *
 * ```ts
 * groups: {
 *   tiers: { 'partners-gold': 'gold', 'partners-silver': 'silver' },
 *   roles: { 'partner-sales': ['sales'], staff: ['vendor-staff'] },
 *   orgPrefix: 'org-',            // group "org-northwind" → org { id: "org-northwind", name: its full_name }
 * }
 * ```
 */
export interface GroupMapping {
  /** Group → tier. A member of several tier groups gets the highest. */
  tiers?: Record<string, Tier>;
  /** Group → roles. A member gets the union. */
  roles?: Record<string, Role[]>;
  /** Groups whose names start with this prefix stand for the user's partner organisation. */
  orgPrefix?: string;
  /** Tier of a signed-in user in no tier group. Default `registered`; null for none. */
  defaultTier?: Tier | null;
}

/** `/session/current.json` → Confab's Me. Discourse moderators and admins are Confab moderators. */
export function toMe(session: DSession, mapping: GroupMapping = {}): Me {
  const u = session.current_user;
  const groups = u.groups ?? [];
  const tiers = groups.map((g) => mapping.tiers?.[g.name]).filter((t): t is Tier => t !== undefined);
  const tier = tiers.length ? tiers.reduce((a, b) => (TIERS.indexOf(b) > TIERS.indexOf(a) ? b : a)) : mapping.defaultTier === undefined ? 'registered' : mapping.defaultTier;
  const roles = new Set<Role>(groups.flatMap((g) => mapping.roles?.[g.name] ?? []));
  if (u.moderator || u.admin) roles.add('moderator');
  const orgGroup = mapping.orgPrefix ? groups.find((g) => g.name.startsWith(mapping.orgPrefix!)) : undefined;
  return {
    authenticated: true,
    id: String(u.id),
    name: u.name || u.username,
    org: orgGroup ? { id: orgGroup.name, name: orgGroup.full_name || orgGroup.name.slice(mapping.orgPrefix!.length) } : null,
    tier,
    roles: [...roles],
  };
}
