import type { Role, Tier } from '../contract/index.js';

/** Who the demo community is: the vendor, its partner orgs and their people. */

export const VENDOR = 'Acme';
/** The issuer of every badge: the name in Open Badges documents, cert cards and LinkedIn links. */
export const ISSUER_NAME = 'Acme Partner Program';
/** Hosted Open Badges documents of the in-memory backend live under this origin (a reserved example domain). */
export const ISSUER_BASE = 'https://community.acme.example';

/** Products, in a fixed order: the hand-written articles name them by index (0 to 3). */
export const PRODUCTS = ['Acme Cloud Gateway', 'Acme Edge Firewall', 'Acme Identity', 'Partner Program', 'Acme SD-WAN', 'Acme Threat Intel'] as const;
/** The products that have software versions, clusters and logs (every product but the program). */
export const TECHNICAL_PRODUCTS = PRODUCTS.filter((p) => p !== 'Partner Program');

export const VERSIONS: Record<string, string> = {
  'Acme Cloud Gateway': '4.2',
  'Acme Edge Firewall': '9.1',
  'Acme Identity': '2026.3',
  'Acme SD-WAN': '5.2',
  'Acme Threat Intel': '3.0',
  'Partner Program': '2026',
};

/** The vendor as an org: its staff belong to it, but it is no partner. */
export const VENDOR_ORG = { id: 'org-acme', name: 'Acme Corp', tier: 'platinum' as Tier, email: 'channel@acme.example' };

/** [id, name, tier, contact email]: partner orgs, every tier at least twice. */
export const ORGS: [id: string, name: string, tier: Tier, email: string][] = [
  ['org-northwind', 'Northwind Networks', 'platinum', 'partners@northwind.example'],
  ['org-contoso', 'Contoso Integrators', 'gold', 'alliances@contoso.example'],
  ['org-tailspin', 'Tailspin Security', 'gold', 'channel@tailspin.example'],
  ['org-fabrikam', 'Fabrikam Networks', 'silver', 'partners@fabrikam.example'],
  ['org-woodgrove', 'Woodgrove Digital', 'silver', 'hello@woodgrove.example'],
  ['org-litware', 'Litware Consulting', 'registered', 'team@litware.example'],
  ['org-globex', 'Globex Integrations', 'gold', 'alliances@globex.example'],
  ['org-umbrella', 'Umbrella Systems', 'gold', 'partner-office@umbrella.example'],
  ['org-initech', 'Initech Solutions', 'silver', 'vendors@initech.example'],
  ['org-stark', 'Stark Channel Partners', 'registered', 'hello@stark-channel.example'],
];

/** [id, name, org id or null for vendor staff, roles, has avatar] */
export type PersonTuple = [id: string, name: string, orgId: string | null, roles: Role[], hasAvatar: boolean];

/** The regulars: they wrote the hand-written threads, replies, questions and answers (content.ts). */
export const REGULARS: PersonTuple[] = [
  ['u-aiko', 'Aiko Tanaka', 'org-northwind', ['technical'], true],
  ['u-oluwaseun', 'Oluwaseun Adeyemi', 'org-northwind', ['sales'], false],
  ['u-maria', 'María José Fernández', 'org-contoso', ['marketing'], true],
  ['u-lars', 'Lars Øvergaard', 'org-contoso', ['technical'], true],
  ['u-priya', 'Priya Raghunathan', 'org-tailspin', ['sales', 'technical'], false],
  ['u-mai', 'Nguyễn Thị Mai', 'org-tailspin', ['technical'], true],
  ['u-jean-luc', 'Jean-Luc Moreau', 'org-fabrikam', ['sales'], true],
  ['u-fatima', 'Fatima Al-Sayed', 'org-fabrikam', ['marketing'], false],
  ['u-wei', 'Chen Wei', 'org-woodgrove', ['technical'], true],
  ['u-zofia', 'Zofia Kowalska', 'org-woodgrove', ['sales'], true],
  ['u-mateus', 'Mateus Oliveira', 'org-litware', ['sales', 'marketing'], false],
  ['u-ingrid', 'Ingrid Johansson', 'org-northwind', ['marketing'], true],
  ['u-rahul', 'Rahul Mehta', 'org-contoso', ['sales'], true],
  ['u-emily', "Emily O'Connor", 'org-tailspin', ['marketing'], false],
  ['u-yusuf', 'Yusuf Demir', 'org-fabrikam', ['technical'], true],
  ['u-ana', 'Ana Lucía Rojas', 'org-litware', ['technical'], true],
  ['u-dmitri', 'Dmitri Volkov', 'org-woodgrove', ['technical'], false],
  ['u-leilani', 'Leilani Kahale', 'org-northwind', ['sales'], true],
  ['u-hannah', 'Hannah Schmidt', null, ['vendor-staff', 'moderator'], true],
  ['u-kwame', 'Kwame Mensah', null, ['vendor-staff'], false],
];

/**
 * The demo portal's sign-in people: one of each kind of visitor (every tier, every role, staff and a
 * partner moderator). The portal's user picker lists them first; the server tests sign in as them.
 */
export const PORTAL_PEOPLE: PersonTuple[] = [
  ['p-ava', 'Ava Lindqvist', 'org-northwind', ['technical'], true],
  ['p-ben', 'Ben Okafor', 'org-stark', ['sales'], false],
  ['p-chloe', 'Chloe Martin', 'org-globex', ['marketing'], true],
  ['p-devi', 'Devi Raman', 'org-initech', ['technical'], true],
  ['p-morgan', 'Morgan Reyes', null, ['vendor-staff', 'moderator'], true],
  ['p-victor', 'Victor Hale', null, ['vendor-staff'], false],
  ['p-sam', 'Sam Novak', 'org-umbrella', ['sales', 'moderator'], true],
];

export const PEOPLE: PersonTuple[] = [...REGULARS, ...PORTAL_PEOPLE];

/** A person's address in the community: `aiko@northwind.example`, `hannah@acme.example`. */
export const emailOf = ([id, , orgId]: PersonTuple) => `${id.slice(2)}@${orgId ? orgId.slice(4) : 'acme'}.example`;

export const INDUSTRIES = ['logistics', 'healthcare', 'retail', 'manufacturing', 'financial services', 'the public sector'];
