// Bulk questions for the 100k benchmarks (similar-question lookup for deflection): titles from the
// archive's question templates, one product each and a running number, so that near-duplicate titles
// are as common as in a real Q&A archive; four in ten have an accepted answer.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import { insertRows } from './seed-rows.js';
import { archiveBody, createRng, TECHNICAL_PRODUCTS } from '../../src/demo-data/index.js';
import { ARCHIVE_QUESTIONS } from '../../src/demo-data/archive-text.js';

const DAY = 86_400_000;

export async function bulkLoadQuestions(db: Db, n: number) {
  const r = createRng(77);
  const tag = randomBytes(3).toString('hex');
  const now = Date.now();
  for (let off = 0; off < n; off += 5000) {
    const m = Math.min(5000, n - off);
    await db.transaction(async (tx) => {
      const qs: unknown[][] = [];
      const as: unknown[][] = [];
      for (let i = 0; i < m; i++) {
        const id = `bq-${tag}-${off + i}`;
        const product = r.pick(TECHNICAL_PRODUCTS);
        const [category, topic, title] = r.pick(ARCHIVE_QUESTIONS);
        const created = now - r.next() * 400 * DAY;
        const answered = r.next() < 0.4;
        qs.push([id, `${title.replace('{p}', product)} (#${off + i})`, archiveBody(r, product), category, topic, 'p-ava', answered ? 1 : 0, r.int(0, 9), answered ? `${id}-a` : null, product, new Date(created).toISOString(), new Date(created).toISOString()]);
        if (answered) as.push([`${id}-a`, id, 'p-ava', archiveBody(r, product), new Date(created + DAY).toISOString()]);
      }
      await insertRows(tx, 'questions',
        [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['answer_count', 'int'], ['score', 'int'], ['accepted_answer_id', 'text'], ['product', 'text'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']], qs);
      await insertRows(tx, 'answers', [['id', 'text'], ['question_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['created_at', 'timestamptz']], as);
    });
  }
}
