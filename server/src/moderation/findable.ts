// Whom a person may find by name: the rule of GET /v1/people (the @mention picker), and of the stored
// names a mention's chip shows (notify/mention-names.ts), so that a name one hides the other cannot give away.
import type { User } from '../auth.js';
import { MODERATOR_ROLES_SQL, listedOnly, mayModerate } from './visibility.js';

/** SQL: a published item by `person` in table `table` that anyone may open (for a reply or an answer, its thread or question is published too). */
function publishedBy(table: 'threads' | 'posts' | 'questions' | 'answers', person: string): string {
  const parent = table === 'posts' ? 'threads' : table === 'answers' ? 'questions' : null;
  if (!parent) return `EXISTS (SELECT 1 FROM ${table} x WHERE x.author_id = ${person} AND ${listedOnly('x')})`;
  const column = table === 'posts' ? 'thread_id' : 'question_id';
  return `EXISTS (SELECT 1 FROM ${table} x JOIN ${parent} xp ON xp.id = x.${column} WHERE x.author_id = ${person} AND ${listedOnly('x')} AND ${listedOnly('xp')})`;
}

/**
 * SQL condition: may `u` find the person row `alias` (of `people`)? Vendor staff and moderators may find
 * anyone. A partner finds the people of their own organisation, the vendor's staff and moderators, and
 * whoever has published where anyone can read it (their names are on those posts already; a held or
 * hidden post, or a reply in a hidden thread, shows their name to nobody else), never another partner
 * organisation's silent members. Parameters are pushed onto `params`.
 */
export function findableBy(alias: string, u: User, params: unknown[]): string {
  if (mayModerate(u)) return 'TRUE';
  const published = (['threads', 'posts', 'questions', 'answers'] as const).map((t) => publishedBy(t, `${alias}.id`)).join(' OR ');
  return `(${alias}.org_id = $${params.push(u.org?.id ?? null)}::text OR ${alias}.roles && ${MODERATOR_ROLES_SQL} OR ${published})`;
}
