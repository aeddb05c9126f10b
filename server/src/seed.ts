// Seeds a realistic demo partner community on first start (tables empty). Deterministic: a fixed PRNG
// seed gives the same people, threads, questions, articles and certifications every time; dates are
// relative to "now" so that "expiring soon" stays true.
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from './db.js';
import { CONTENT_TYPES, TIERS, type Tier } from '../../src/contract/index.js';

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

export const ORGS = [
  { id: 'org-acme', name: 'Acme Corp', tier: 'platinum', email: 'channel@acme.example' },
  { id: 'org-northwind', name: 'Northwind Networks', tier: 'platinum', email: 'partners@northwind.example' },
  { id: 'org-globex', name: 'Globex Integrations', tier: 'gold', email: 'alliances@globex.example' },
  { id: 'org-umbrella', name: 'Umbrella Systems', tier: 'gold', email: 'partner-office@umbrella.example' },
  { id: 'org-initech', name: 'Initech Solutions', tier: 'silver', email: 'vendors@initech.example' },
  { id: 'org-stark', name: 'Stark Channel Partners', tier: 'silver', email: 'hello@stark-channel.example' },
  { id: 'org-contoso', name: 'Contoso Secure', tier: 'registered', email: 'team@contoso-secure.example' },
] as const;

/** Named people the demo and the tests rely on. */
export const KEY_PEOPLE = [
  { id: 'p-ava', name: 'Ava Lindqvist', org: 'org-northwind', roles: ['technical'] },
  { id: 'p-ben', name: 'Ben Okafor', org: 'org-contoso', roles: ['sales'] },
  { id: 'p-chloe', name: 'Chloe Martin', org: 'org-globex', roles: ['marketing'] },
  { id: 'p-devi', name: 'Devi Raman', org: 'org-initech', roles: ['technical'] },
  { id: 'p-morgan', name: 'Morgan Reyes', org: 'org-acme', roles: ['vendor-staff', 'moderator'] },
  { id: 'p-victor', name: 'Victor Hale', org: 'org-acme', roles: ['vendor-staff'] },
  { id: 'p-sam', name: 'Sam Novak', org: 'org-umbrella', roles: ['sales', 'moderator'] },
] as const;

export const PRODUCTS = ['Acme Cloud Gateway', 'Acme Edge Firewall', 'Acme Secure Access', 'Acme SD-WAN', 'Acme Threat Intel', 'Partner Program'] as const;
const CATEGORIES = ['deal-registration', 'mdf', 'certifications', 'technical', 'sales-enablement', 'announcements'] as const;
const TAGS = ['renewals', 'pricing', 'ha', 'licensing', 'api', 'sso', 'migration', 'poc', 'co-marketing', 'onboarding', 'quotas', 'support'];
const FIRST = ['Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Sofia', 'Yuki', 'Aarav', 'Zara', 'Lucas', 'Ingrid', 'Omar', 'Priya', 'Jonas', 'Amara', 'Felix', 'Nina', 'Tomás', 'Leah', 'Kenji'];
const LAST = ['Andersen', 'Kowalski', 'Nguyen', 'Fischer', 'Haddad', 'Moreau', 'Tanaka', 'Silva', 'Brennan', 'Ivanova', 'Mensah', 'Costa', 'Varga', 'Osei', 'Larsen'];
const ROLESETS = [['sales'], ['technical'], ['marketing'], ['sales', 'marketing'], ['technical'], ['sales']];

const THREAD_TITLES = [
  'How are you positioning {p} against the incumbent at renewal time?',
  'Deal registration for a {p} opportunity was rejected — what did we miss?',
  'MDF claim for our {p} webinar: which proof of performance do you send?',
  'Best way to run a two-week {p} proof of concept',
  'Anyone migrated a large customer to {p} 5.x yet?',
  'Pricing question: multi-year {p} subscriptions and co-terming',
  'Share your {p} demo environment setup',
  'Lessons learned from our first {p} deployment in healthcare',
  'Quarterly business review: how do you report {p} pipeline?',
  'Joint marketing ideas for {p} in the public sector',
  'Training path for new hires selling {p}',
  'Customer asks for a {p} SLA above 99.9% — options?',
];
const QUESTION_TITLES = [
  'How do I register a deal for {p}?',
  'Why is my MDF request for {p} still pending?',
  'Can {p} run in active-active high availability?',
  'What is the upgrade path from {p} 4.x to 5.x?',
  'How do I reset the admin password on {p}?',
  'Which certification do I need to resell {p}?',
  'Does {p} support SAML single sign-on with Okta?',
  'How long does deal registration approval take for {p}?',
  'Where can I find the {p} price list for my tier?',
  'How do I claim co-marketing funds for a {p} event?',
  'Is there an API to export {p} logs to our SIEM?',
  'What are the sizing guidelines for {p} in a 5,000-user branch network?',
  'How do I move a {p} license to a different customer tenant?',
  'Can I demo {p} to a prospect without a signed NDA?',
  'What discount applies to {p} renewals at my partner tier?',
];
const TOPICS = [
  'Configuring high availability on {p}', 'Sizing guide for {p}', 'Troubleshooting VPN tunnels in {p}', 'Upgrading {p} to version 5.2',
  'Integrating {p} with Okta SSO', 'Exporting {p} logs to a SIEM', 'Licensing and renewals for {p}', 'Deal registration rules for {p}',
  'MDF eligibility for {p} campaigns', 'Competitive positioning of {p}', 'API rate limits in {p}', 'Backup and restore for {p}',
  'Hardening checklist for {p}', 'Migrating policies into {p}', 'Monitoring {p} with SNMP and Prometheus', 'Certificate rotation in {p}',
  'Zero-touch provisioning with {p}', 'Release notes: {p} 5.2.{n}', 'Partner pricing FAQ for {p}', 'Running a proof of concept with {p}',
  'Known issues in {p} 5.1.{n}', 'Reference architecture: {p} for retail branches', 'Performance tuning for {p}', 'Multi-tenant setup of {p}',
  'Quoting multi-year {p} subscriptions', 'Onboarding a new customer on {p}', 'Reading {p} threat reports', 'Role-based access in {p}',
];

const SENTENCES = [
  'Start by checking that both nodes run the same firmware build before you pair them.',
  'Partners at gold tier and above get a dedicated channel account manager for escalations.',
  'Register the opportunity in the partner portal before the first customer meeting; late registrations are not protected.',
  'MDF requests must be submitted at least 30 days before the activity and claimed within 60 days after it.',
  'Use the sizing calculator in the portal and add 30% headroom for growth.',
  'The API uses OAuth 2.0 client credentials; tokens expire after one hour.',
  'Proof of performance means attendee lists, invoices and screenshots of the campaign assets.',
  'When the customer co-terms, the renewal date of the new subscription aligns with the existing contract.',
  'Enable syslog over TLS and point it at the SIEM collector on port 6514.',
  'Certification exams are proctored online and include a hands-on lab.',
  'Active-active mode needs a shared virtual IP and session synchronisation on a dedicated link.',
  'Deal registration approvals usually arrive within two business days.',
  'The price list for your tier is under Sales Tools → Pricing in the portal.',
  'A failed health check usually points to a mismatched MTU on the sync interface.',
  'Keep the default deny rule at the bottom of the policy and log its hits for a week before tightening.',
  'Contact partner support with the diagnostic bundle attached; it speeds up triage considerably.',
];

function paragraph(r: ReturnType<typeof prng>, n = 3) {
  return Array.from({ length: n }, () => r.pick(SENTENCES)).join(' ');
}

function markdownBody(r: ReturnType<typeof prng>, product: string, long = false) {
  const parts = [paragraph(r, r.int(2, 4)).replace('the portal', `the ${product} partner portal`)];
  if (long || r.chance(0.4)) {
    parts.push(`## Steps\n\n1. ${r.pick(SENTENCES)}\n2. ${r.pick(SENTENCES)}\n3. ${r.pick(SENTENCES)}`);
  }
  if (long && r.chance(0.5)) parts.push('```\nconfab> show ha status\nnode-a: active  node-b: standby  sync: ok\n```');
  if (long) parts.push(`**Note:** this applies to ${product}. ${paragraph(r, 2)}`);
  return parts.join('\n\n');
}

async function insertRows(q: Queryable, table: string, cols: [string, string][], rows: unknown[][]) {
  const CHUNK = 1000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = cols.map((_, ci) => part.map((row) => row[ci]));
    const sel = cols.map(([name, type], ci) => {
      if (type === 'text[]') return `COALESCE(string_to_array(NULLIF(c${ci}, ''), '|'), '{}')::text[] AS ${name}`;
      return `c${ci}::${type} AS ${name}`;
    });
    const un = cols.map(([, type], ci) => `$${ci + 1}::${type === 'text[]' ? 'text' : type === 'timestamptz' ? 'text' : type}[]`);
    await q.query(
      `INSERT INTO ${table} (${cols.map((c) => c[0]).join(', ')})
       SELECT ${sel.join(', ')} FROM unnest(${un.join(', ')}) AS u(${cols.map((_, i) => `c${i}`).join(', ')})`,
      arrays,
    );
  }
}

const DAY = 86_400_000;

export interface SeedOptions {
  threads?: number;
  questions?: number;
  articles?: number;
  now?: Date;
}

/** Seeds when the people table is empty; returns true when it seeded. */
export async function seedIfEmpty(db: Db, opts: SeedOptions = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7262002)');
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    if (Number(rows[0].n) > 0) return false;
    await seed(tx, opts);
    return true;
  });
}

export async function seed(q: Queryable, opts: SeedOptions = {}) {
  const r = prng(20261124);
  const now = (opts.now ?? new Date()).getTime();
  const ts = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const orgTier = new Map<string, string>(ORGS.map((o) => [o.id, o.tier]));
  const orgName = new Map<string, string>(ORGS.map((o) => [o.id, o.name]));

  await insertRows(q, 'orgs', [['id', 'text'], ['name', 'text'], ['tier', 'text'], ['email', 'text']], ORGS.map((o) => [o.id, o.name, o.tier, o.email]));

  type P = { id: string; name: string; org: string; roles: string[] };
  const people: P[] = KEY_PEOPLE.map((p) => ({ ...p, roles: [...p.roles] }));
  const partnerOrgs = ORGS.filter((o) => o.id !== 'org-acme');
  for (let i = 1; people.length < 46; i++) {
    const name = `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 11) % LAST.length]}`;
    const isStaff = i % 13 === 0;
    people.push({
      id: `p-${String(i).padStart(3, '0')}`,
      name,
      org: isStaff ? 'org-acme' : partnerOrgs[i % partnerOrgs.length].id,
      roles: isStaff ? ['vendor-staff'] : [...r.pick(ROLESETS)],
    });
  }
  const emailOf = (p: P) => `${p.name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@${p.org.replace('org-', '')}.example`;
  await insertRows(
    q,
    'people',
    [['id', 'text'], ['name', 'text'], ['email', 'text'], ['org_id', 'text'], ['org_name', 'text'], ['tier', 'text'], ['roles', 'text[]'], ['demo', 'boolean']],
    // Vendor staff are not partners: no tier.
    people.map((p) => [p.id, p.name, emailOf(p), p.org, orgName.get(p.org), p.org === 'org-acme' ? null : orgTier.get(p.org), p.roles.join('|'), true]),
  );
  const partners = people.filter((p) => p.org !== 'org-acme');
  const experts = people.filter((p) => p.roles.includes('technical') || p.roles.includes('vendor-staff'));

  // Threads and replies.
  const nThreads = opts.threads ?? 220;
  const threadRows: unknown[][] = [];
  const postRows: unknown[][] = [];
  for (let i = 1; i <= nThreads; i++) {
    const product = r.pick(PRODUCTS);
    const title = r.pick(THREAD_TITLES).replace('{p}', product);
    const created = r.next() * 120;
    const replies = r.chance(0.15) ? 0 : r.int(1, 6);
    let last = created;
    const id = `t-${String(i).padStart(4, '0')}`;
    // Replies never come later than a per-thread floor, so the newest activity is spread over the last
    // day instead of piling up at "now" (a floor from the index, to leave the PRNG sequence unchanged).
    const floor = ((i * 37) % 97) / 97;
    for (let j = 1; j <= replies; j++) {
      last = Math.max(floor, last - r.next() * 3);
      postRows.push([`${id}-p${j}`, id, r.pick(people).id, markdownBody(r, product), ts(last)]);
    }
    const tags = [r.pick(TAGS), r.pick(TAGS)].filter((t, k, a) => a.indexOf(t) === k);
    threadRows.push([id, title, markdownBody(r, product), r.pick(CATEGORIES), tags.join('|'), r.pick(partners).id, replies, r.int(-1, 25), r.chance(0.2), ts(created), ts(last)]);
  }
  await insertRows(
    q, 'threads',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['reply_count', 'int'], ['score', 'int'], ['solved', 'boolean'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']],
    threadRows,
  );
  await insertRows(q, 'posts', [['id', 'text'], ['thread_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['created_at', 'timestamptz']], postRows);

  // Questions, answers, votes.
  const nQuestions = opts.questions ?? 96;
  const qRows: unknown[][] = [];
  const aRows: unknown[][] = [];
  const voteRows: unknown[][] = [];
  const seenQ = new Set<string>();
  for (let i = 1; qRows.length < nQuestions; i++) {
    const product = PRODUCTS[i % PRODUCTS.length];
    let title = QUESTION_TITLES[Math.floor(i / PRODUCTS.length) % QUESTION_TITLES.length].replace('{p}', product);
    if (seenQ.has(title)) title = title.replace('?', ` (${r.pick(['again', 'update', 'follow-up', 'EMEA', 'APAC', 'Americas'])})?`);
    if (seenQ.has(title)) continue;
    seenQ.add(title);
    const id = `q-${String(qRows.length + 1).padStart(4, '0')}`;
    const created = 1 + r.next() * 110;
    const answered = r.chance(0.65);
    const nAns = answered ? r.int(1, 4) : 0;
    let accepted: string | null = null;
    let last = created;
    const asker = r.pick(partners);
    for (let j = 1; j <= nAns; j++) {
      const aid = `${id}-a${j}`;
      const gap = j === 1 ? 0.05 + r.next() * 2 : r.next() * 4;
      last = Math.max(((i * 41) % 89) / 89, last - gap);
      const score = r.int(-1, 12);
      aRows.push([aid, id, r.pick(experts).id, markdownBody(r, product), score, ts(last)]);
      for (let k = 0; k < Math.max(0, score); k++) voteRows.push([people[(i + j + k) % people.length].id, 'answer', aid, 1]);
      // a few critics too, so that the helpful rate of answers is not trivially 100%
      for (let k = 0; k < (score <= 0 ? 2 : r.chance(0.3) ? 1 : 0); k++) voteRows.push([people[(i * 3 + j + k + 20) % people.length].id, 'answer', aid, -1]);
      if (j === 1 && r.chance(0.6)) accepted = aid;
    }
    const tags = [r.pick(TAGS)];
    qRows.push([id, title, markdownBody(r, product), r.pick(CATEGORIES), tags.join('|'), asker.id, nAns, r.int(0, 20), accepted, ts(created), ts(last)]);
  }
  await insertRows(
    q, 'questions',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['answer_count', 'int'], ['score', 'int'], ['accepted_answer_id', 'text'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']],
    qRows,
  );
  await insertRows(q, 'answers', [['id', 'text'], ['question_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['score', 'int'], ['created_at', 'timestamptz']], aRows);
  // Scores of answers come from the votes (unique per person); recompute to keep them consistent.
  const uniqVotes = new Map<string, unknown[]>();
  for (const v of voteRows) uniqVotes.set(`${v[0]}|${v[2]}`, v);
  await insertRows(q, 'votes', [['person_id', 'text'], ['target_kind', 'text'], ['target_id', 'text'], ['value', 'smallint']], [...uniqVotes.values()]);
  await q.query(`UPDATE answers a SET score = COALESCE((SELECT SUM(value)::int FROM votes v WHERE v.target_kind = 'answer' AND v.target_id = a.id), 0)`);
  await q.query(`UPDATE questions SET score = 0`);

  // Knowledge-base articles.
  const nArticles = opts.articles ?? 330;
  const aTitles = new Set<string>();
  const artRows: unknown[][] = [];
  const tierWeights = [0.45, 0.25, 0.17, 0.13];
  const rolePick = [[], [], [], [], [], [], ['sales'], ['technical'], ['marketing'], ['sales', 'marketing']];
  // Fixed articles the tests and the demo rely on.
  const fixed: [string, string, string, string, string[], Tier][] = [
    ['kb-0001', 'Configuring high availability on Acme Edge Firewall', 'Acme Edge Firewall', 'guide', [], 'registered'],
    ['kb-0002', 'Platinum deal desk escalation playbook', 'Partner Program', 'reference', [], 'platinum'],
    ['kb-0003', 'Gold tier quarterly rebate calculator', 'Partner Program', 'reference', ['sales'], 'gold'],
  ];
  for (const [id, title, product, type, roles, tier] of fixed) {
    aTitles.add(title);
    artRows.push([id, title, markdownBody(r, product, true) + (id === 'kb-0002' ? '\n\nThe deal desk escalation path for platinum partners: open a priority case and page the channel account manager.' : ''), product, type, tier, TIERS.indexOf(tier), roles.join('|'), ts(r.next() * 200)]);
  }
  for (let i = 0; artRows.length < nArticles && i < nArticles * 20; i++) {
    const product = r.pick(PRODUCTS);
    let title = r.pick(TOPICS).replace('{p}', product).replace('{n}', String(r.int(1, 9)));
    if (aTitles.has(title)) title = `${title} (${r.pick(['part 2', 'appendix', 'EMEA edition', 'quick reference', 'checklist', 'FAQ'])})`;
    if (aTitles.has(title)) continue;
    aTitles.add(title);
    const type = /Release notes/.test(title) ? 'release-note' : /Known issues|Troubleshooting/.test(title) ? 'troubleshooting' : /FAQ/.test(title) ? 'faq' : r.pick(CONTENT_TYPES);
    const x = r.next();
    const tierIdx = x < tierWeights[0] ? 0 : x < tierWeights[0] + tierWeights[1] ? 1 : x < 1 - tierWeights[3] ? 2 : 3;
    artRows.push([`kb-${String(artRows.length + 1).padStart(4, '0')}`, title, `# ${title}\n\n${markdownBody(r, product, true)}`, product, type, TIERS[tierIdx], tierIdx, r.pick(rolePick).join('|'), ts(r.next() * 365)]);
  }
  await insertRows(
    q, 'articles',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['product', 'text'], ['content_type', 'text'], ['min_tier', 'text'], ['min_tier_rank', 'smallint'], ['roles', 'text[]'], ['updated_at', 'timestamptz']],
    artRows,
  );
  const fbRows: unknown[][] = [];
  for (let i = 0; i < 400; i++) fbRows.push([r.pick(artRows)[0], r.pick(people).id, r.chance(0.78), ts(r.next() * 90)]);
  await insertRows(q, 'article_feedback', [['article_id', 'text'], ['person_id', 'text'], ['helpful', 'boolean'], ['created_at', 'timestamptz']], fbRows);

  // Badges and certifications.
  const badges = [
    ['acme-gateway-engineer', 'Acme Certified Cloud Gateway Engineer', 'Designs, deploys and troubleshoots Acme Cloud Gateway in production.', 'Pass the CGE-201 proctored exam and the hands-on lab.', '#0b5cad'],
    ['acme-firewall-specialist', 'Acme Edge Firewall Specialist', 'Configures Acme Edge Firewall clusters, policies and VPNs.', 'Pass the EFS-110 exam.', '#b42318'],
    ['acme-sales-professional', 'Acme Sales Professional', 'Positions and quotes the Acme portfolio, including deal registration and renewals.', 'Complete the sales learning path and the assessment.', '#087443'],
    ['acme-sdwan-associate', 'Acme SD-WAN Associate', 'Deploys Acme SD-WAN branches with zero-touch provisioning.', 'Pass the SDW-100 exam.', '#6941c6'],
    ['acme-gold-competency', 'Acme Gold Security Competency', 'Partner organisation with certified staff, references and a support practice.', 'Four certified engineers, three customer references, an audited support process.', '#b54708'],
  ];
  await insertRows(q, 'badge_classes', [['id', 'text'], ['name', 'text'], ['description', 'text'], ['criteria', 'text'], ['color', 'text']], badges);
  const salt = () => r.hex(16);
  const certRows: unknown[][] = [];
  const cert = (id: string, badge: string, kind: string, rid: string, name: string, email: string, issuedDaysAgo: number, expiresInDays: number | null, revoked = false, reason: string | null = null) =>
    certRows.push([id, badge, kind, rid, name, email, salt(), ts(issuedDaysAgo), expiresInDays == null ? null : ts(-expiresInDays), revoked, reason]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const pc = (id: string, badge: string, issued: number, expires: number | null, revoked = false, reason: string | null = null) => {
    const p = byId.get(id)!;
    cert(`c-${id.slice(2)}-${badge.split('-')[1]}`, badge, 'person', id, p.name, emailOf(p), issued, expires, revoked, reason);
  };
  pc('p-ava', 'acme-firewall-specialist', 200, 530);
  pc('p-ava', 'acme-gateway-engineer', 700, 20); // expiring soon
  pc('p-ben', 'acme-sales-professional', 400, -10); // expired
  pc('p-devi', 'acme-sdwan-associate', 120, 610, true, 'Exam result invalidated after an integrity review.'); // revoked
  pc('p-chloe', 'acme-sales-professional', 90, 640);
  pc('p-sam', 'acme-sales-professional', 300, 430);
  pc('p-devi', 'acme-gateway-engineer', 60, 670);
  const badgeIds = badges.slice(0, 4).map((b) => b[0]);
  for (const p of people.slice(KEY_PEOPLE.length)) {
    if (!r.chance(0.6) || p.org === 'org-acme') continue;
    const badge = p.roles.includes('technical') ? r.pick(badgeIds.filter((b) => b !== 'acme-sales-professional')) : 'acme-sales-professional';
    const issued = r.int(10, 600);
    pc(p.id, badge, issued, 730 - issued);
  }
  for (const o of ORGS) {
    if (o.tier === 'gold' || o.tier === 'platinum') {
      if (o.id === 'org-acme') continue;
      cert(`c-${o.id.slice(4)}-gold`, 'acme-gold-competency', 'org', o.id, o.name, o.email, r.int(30, 300), o.id === 'org-umbrella' ? 25 : 365);
    }
  }
  await insertRows(
    q, 'certifications',
    [['id', 'text'], ['badge_id', 'text'], ['recipient_kind', 'text'], ['recipient_id', 'text'], ['recipient_name', 'text'], ['recipient_email', 'text'], ['salt', 'text'], ['issued_on', 'timestamptz'], ['expires', 'timestamptz'], ['revoked', 'boolean'], ['revocation_reason', 'text']],
    certRows,
  );
}

/** Bulk load for the benchmark: n more threads and n more articles. */
export async function bulkLoad(db: Db, n: number) {
  const r = prng(99);
  const tag = randomBytes(3).toString('hex');
  const now = Date.now();
  for (let off = 0; off < n; off += 5000) {
    const m = Math.min(5000, n - off);
    await db.transaction(async (tx) => {
      const th: unknown[][] = [];
      const ar: unknown[][] = [];
      for (let i = 0; i < m; i++) {
        const product = r.pick(PRODUCTS);
        th.push([`bt-${tag}-${off + i}`, r.pick(THREAD_TITLES).replace('{p}', product), markdownBody(r, product), r.pick(CATEGORIES), r.pick(TAGS), 'p-ava', 0, r.int(0, 9), false, new Date(now - r.next() * 400 * DAY).toISOString(), new Date(now - r.next() * 400 * DAY).toISOString()]);
        const tierIdx = r.int(0, 3);
        ar.push([`bk-${tag}-${off + i}`, `${r.pick(TOPICS).replace('{p}', product).replace('{n}', String(r.int(1, 9)))} #${off + i}`, markdownBody(r, product, true), product, r.pick(CONTENT_TYPES), TIERS[tierIdx], tierIdx, '', new Date(now - r.next() * 400 * DAY).toISOString()]);
      }
      await insertRows(tx, 'threads',
        [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['reply_count', 'int'], ['score', 'int'], ['solved', 'boolean'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']], th);
      await insertRows(tx, 'articles',
        [['id', 'text'], ['title', 'text'], ['body', 'text'], ['product', 'text'], ['content_type', 'text'], ['min_tier', 'text'], ['min_tier_rank', 'smallint'], ['roles', 'text[]'], ['updated_at', 'timestamptz']], ar);
    });
  }
}
