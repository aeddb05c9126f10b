// Seeds the demo's moderation queue (src/demo-data/moderation.ts): watched words, two held items
// and a reply two partners reported, so a moderator signing in to the demo has something to decide.
// Held items are extra content: no count of the community changes.
import { DEMO_FLAGS, DEMO_HELD, DEMO_WATCHED_WORDS } from '../../src/demo-data/index.js';
import type { Queryable } from './db.js';
import { replaceWatchedWords } from './moderation/watched-words.js';

const HOUR = 3_600_000;

export async function seedModeration(q: Queryable, now: number): Promise<void> {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  await replaceWatchedWords(q, DEMO_WATCHED_WORDS);
  for (const h of DEMO_HELD) {
    if (h.kind === 'thread') {
      await q.query(
        `INSERT INTO threads (id, title, body, category, tags, author_id, status, held_reason, created_at, last_activity_at)
         VALUES ($1, $2, $3, $4, '{}', $5, 'held', $6, $7, $7)`,
        [h.id, h.title, h.body, h.category, h.authorId, h.heldReason, at(h.hoursAgo)],
      );
    } else {
      await q.query(
        `INSERT INTO answers (id, question_id, author_id, body, status, held_reason, created_at) VALUES ($1, $2, $3, $4, 'held', $5, $6)`,
        [h.id, h.parentId, h.authorId, h.body, h.heldReason, at(h.hoursAgo)],
      );
    }
  }
  for (const [i, f] of DEMO_FLAGS.entries()) {
    await q.query(
      `INSERT INTO flags (id, target_kind, target_id, flagger_id, reason, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [`fl-demo-${i + 1}`, f.target.kind, f.target.id, f.flaggerId, f.reason, f.note, at(f.hoursAgo)],
    );
  }
}
