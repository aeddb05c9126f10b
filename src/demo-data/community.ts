import { BADGES, CERTIFICATIONS } from './badges.js';
import {
  ARTICLES, ARTICLE_BODIES, EXTRA_ANSWERS, QUESTIONS, QUESTION_BODIES, REPLIES, STAFF_REPLIES, THREADS,
} from './content.js';
import { avatarImage } from './images.js';
import { emailOf, INDUSTRIES, ORGS, PEOPLE, PRODUCTS, REGULARS, VERSIONS } from './members.js';
import type { AnswerRecord, Community, PostRecord, QuestionRecord, ThreadRecord, Votes } from './model.js';
import { createRng, type Rng } from './prng.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const DEFAULT_SEED = 20261124;

export interface CommunityOptions {
  /** The instant the data is relative to; "2 hours ago" means two hours before this. */
  now?: Date;
  seed?: number;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** A timestamp `hoursAgo` hours before now, on a whole minute so it prints neatly. */
export const ago = (now: number, hours: number) => Math.floor((now - hours * HOUR) / 60_000) * 60_000;

/**
 * The demo partner community: the same `now` and `seed` always give the same data, on the server and in
 * the browser. The hand-written conversations happen between the regulars; everyone is a member.
 */
export function createCommunity(options: CommunityOptions = {}): Community {
  const now = (options.now ?? new Date()).getTime();
  const rng = createRng(options.seed ?? DEFAULT_SEED);

  const orgs = ORGS.map(([id, name, tier, email]) => ({ id, name, tier, email }));
  const people = PEOPLE.map((person, i) => {
    const [id, name, orgId, roles, hasAvatar] = person;
    return { id, name, email: emailOf(person), orgId, roles: [...roles], avatarUrl: hasAvatar ? avatarImage((i * 47) % 360, i) : null };
  });
  const regulars = people.filter((p) => REGULARS.some(([id]) => id === p.id));
  const partners = regulars.filter((p) => p.orgId);
  const staff = regulars.filter((p) => !p.orgId);
  const orgName = (personId: string) => {
    const orgId = people.find((p) => p.id === personId)?.orgId;
    return orgs.find((o) => o.id === orgId)?.name ?? 'Acme';
  };
  const fillFor = (template: string, authorId: string, product: string) =>
    fill(template, {
      org: orgName(authorId),
      product,
      version: VERSIONS[product] ?? '1.0',
      industry: rng.pick(INDUSTRIES),
      amount: `$${rng.int(4, 90) * 5},000`,
      users: String(rng.int(2, 40) * 250),
      tier: orgs.find((o) => o.id === people.find((p) => p.id === authorId)?.orgId)?.tier ?? 'registered',
    });
  const productFor = (tags: string[]) =>
    tags.includes('edge-firewall') ? PRODUCTS[1] : tags.includes('identity') ? PRODUCTS[2] : tags.some((t) => /gateway/.test(t)) ? PRODUCTS[0] : rng.pick(PRODUCTS.slice(0, 3));

  const threads: ThreadRecord[] = [];
  const posts: PostRecord[] = [];
  THREADS.forEach(([category, title, tags, lead], i) => {
    const id = `th-${String(i + 1).padStart(3, '0')}`;
    const announcement = category === 'announcements';
    const author = announcement ? rng.pick(staff) : rng.pick(partners);
    const product = productFor(tags);
    const createdAt = ago(now, i === 0 ? 2 : rng.int(3, 24 * 45));
    const body = threadBody(lead, category, product, rng);
    // Welcome gets a crowd (to page through); a few threads stay unanswered.
    const replyCount = title.startsWith('Welcome') ? 26 : i % 9 === 4 ? 0 : rng.int(1, 7);
    // Replies spread over a span after the thread started, never in the future; no reply said twice.
    const span = Math.min(now - 60_000 - createdAt, rng.int(2, 24 * 12) * HOUR);
    const times = Array.from({ length: replyCount }, () => createdAt + Math.floor((rng.next() * span) / 60_000) * 60_000).sort((a, b) => a - b);
    const pool = rng.sample(REPLIES, REPLIES.length);
    times.forEach((at, r) => {
      const fromStaff = announcement && r % 5 === 1;
      const replier = fromStaff ? rng.pick(staff) : rng.pick(partners);
      const text = fromStaff ? STAFF_REPLIES[r % STAFF_REPLIES.length]!
        : title.startsWith('Welcome') ? `Hello from ${orgName(replier.id)}! ${rng.pick(['Glad to be here.', 'Looking forward to the discussions.', 'Great to see this live.'])}`
        : pool[r % pool.length]!;
      posts.push({
        id: `po-${id.slice(3)}-${String(r + 1).padStart(2, '0')}`,
        threadId: id,
        authorId: replier.id,
        body: fillFor(text, replier.id, product),
        createdAt: at,
        editedAt: rng.chance(0.1) ? Math.min(now, at + rng.int(5, 120) * 60_000) : null,
      });
    });
    const last = times.at(-1) ?? createdAt;
    threads.push({
      id, title, body, category, tags: [...tags], authorId: author.id,
      score: rng.int(0, announcement ? 40 : 18),
      solved: category === 'technical' && replyCount > 2 && rng.chance(0.6),
      createdAt, lastActivityAt: last,
    });
  });

  const questions: QuestionRecord[] = [];
  const answers: AnswerRecord[] = [];
  QUESTIONS.forEach(([category, title, tags, best, accepted], i) => {
    const id = `q-${String(i + 1).padStart(3, '0')}`;
    const author = partners[(i * 7) % partners.length]!;
    const product = productFor(tags);
    const createdAt = ago(now, i === 0 ? 5 : rng.int(6, 24 * 60));
    let last = createdAt;
    const own: AnswerRecord[] = [];
    const extraTexts = rng.sample(EXTRA_ANSWERS, EXTRA_ANSWERS.length);
    if (best) {
      const extras = rng.int(0, 3);
      for (let a = 0; a <= extras; a++) {
        const answerer = a === 0 && rng.chance(0.4) ? rng.pick(staff) : rng.pick(partners.filter((p) => p.id !== author.id));
        last = Math.min(now - 60_000, last + rng.int(20, 60 * 20) * 60_000);
        own.push({
          id: `an-${id.slice(2)}-${a + 1}`,
          questionId: id,
          authorId: answerer.id,
          body: a === 0 ? best : fillFor(extraTexts[a - 1]!, answerer.id, product),
          createdAt: last,
          // Sometimes a later answer outscores the accepted one: accepted still comes first.
          baseScore: a === 0 ? rng.int(2, 12) : rng.int(-1, 14),
          votes: {} as Votes,
        });
      }
    }
    answers.push(...own);
    questions.push({
      id, title, category, tags: [...tags], authorId: author.id,
      body: fillFor(QUESTION_BODIES[category] ?? '', author.id, product),
      createdAt, lastActivityAt: last,
      acceptedAnswerId: accepted && own[0] ? own[0].id : null,
      baseScore: rng.int(0, 25),
      votes: {},
    });
  });

  const articles = ARTICLES.map(([p, contentType, title, minTier, roles], i) => {
    const product = PRODUCTS[p]!;
    return {
      id: `kb-${String(i + 1).padStart(3, '0')}`,
      title,
      body: fill(ARTICLE_BODIES[contentType], {
        title,
        title_lc: title.charAt(0).toLowerCase() + title.slice(1),
        product,
        version: VERSIONS[product] ?? '1.0',
      }),
      product,
      contentType,
      audience: { minTier, roles: [...roles] },
      updatedAt: ago(now, rng.int(24, 24 * 400)),
      helpful: { yes: rng.int(0, 60), no: rng.int(0, 12) },
    };
  });

  const badges = BADGES.map(([slug, name, code, colour, description, criteria]) => ({ slug, name, code, colour, description, criteria }));
  const certifications = CERTIFICATIONS.map(([id, badge, kind, recipientId, issuedDaysAgo, expiresInDays, revocationReason]) => ({
    id,
    badge,
    recipient: { kind, id: recipientId },
    issuedOn: ago(now, issuedDaysAgo * 24),
    expires: expiresInDays === null ? null : ago(now, -expiresInDays * 24),
    revoked: revocationReason !== null,
    revocationReason,
  }));

  return { now, orgs, people, threads, posts, questions, answers, articles, badges, certifications };
}

function threadBody(lead: string, category: string, product: string, rng: Rng): string {
  const version = VERSIONS[product] ?? '1.0';
  switch (category) {
    case 'technical':
      return `${lead}\n\n## What we tried\n\n- Restarted the ${product} service\n- Checked the logs with \`acme-cli logs --since 1h\`\n- Compared against the [reference configuration](https://community.acme.example/kb/reference)\n\n\`\`\`yaml\nproduct: ${product}\nversion: "${version}"\nnodes: ${rng.int(2, 6)}\n\`\`\`\n\nAny ideas welcome.`;
    case 'deal-registration':
      return `${lead}\n\n### Details\n\n1. Opportunity value: about $${rng.int(3, 60) * 10},000\n2. Expected close: this quarter\n3. Products: ${product}\n\nThe **deal registration policy** is [here](https://community.acme.example/kb/deal-registration) for reference.`;
    case 'marketing':
      return `${lead}\n\n### What we have so far\n\n- Audience: IT and security leaders\n- Channels: email, LinkedIn, one in-person event\n- Budget: ${rng.int(5, 40)}k from **MDF**\n\nHappy to hear what worked for you.`;
    default:
      return `${lead}\n\n## What changes\n\n- Details are in the [announcement page](https://community.acme.example/news)\n- Questions? Reply below and the partner team will answer.\n\n*The Acme Partner Team*`;
  }
}
