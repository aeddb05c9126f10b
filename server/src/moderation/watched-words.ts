// Watched words: staff-managed words and phrases that block a write (422 naming the word) or hold it
// for review. Matched case-insensitively as whole words, so "spam" does not catch "spammer" unless
// listed; the pattern is literal text, never a regular expression from the client.
import type { WatchedWord } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';

export async function readWatchedWords(q: Queryable): Promise<WatchedWord[]> {
  const { rows } = await q.query<WatchedWord>(`SELECT pattern, action FROM watched_words ORDER BY position`);
  return rows.map((r) => ({ pattern: r.pattern, action: r.action }));
}

export async function replaceWatchedWords(q: Queryable, items: WatchedWord[]): Promise<void> {
  await q.query(`DELETE FROM watched_words`);
  if (!items.length) return;
  await q.query(
    `INSERT INTO watched_words (position, pattern, action) SELECT n, p, a FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(p, a, n)`,
    [items.map((w) => w.pattern), items.map((w) => w.action)],
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole-word, case-insensitive matcher for one pattern (letters and digits around it break the match). */
export const wordMatcher = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(pattern).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu');

export interface WatchedMatch {
  word: WatchedWord;
  /** Which field it was found in. */
  field: string;
}

/** The first `block` word found in the texts, else the first `hold` word, else null. */
export function matchWatched(words: WatchedWord[], texts: Record<string, string | undefined>): WatchedMatch | null {
  let hold: WatchedMatch | null = null;
  for (const word of words) {
    const re = wordMatcher(word.pattern);
    for (const [field, text] of Object.entries(texts)) {
      if (text === undefined || !re.test(text)) continue;
      if (word.action === 'block') return { word, field };
      hold ??= { word, field };
    }
  }
  return hold;
}
