import { deleteCache, readCache, writeCache } from '../../core/cache.js';
import type { BadgeView } from './badge-view.js';

/**
 * What a badge the host gave by URL (`assertion`, `credential`) showed the last time it was verified,
 * kept in the response cache: a return visit shows it at once, marked "Verifying…", while it is
 * verified again, instead of a placeholder until the issuer's keys and status list have been read.
 * Only a verified badge is kept (a failed verification forgets it), never the verdict itself, and
 * nothing of an inline VC-JWT. The badge is the issuer's public document, so it is not partitioned by
 * partner.
 */
const keyOf = (url: string) => (/^https?:\/\//.test(url) ? `seen|${url}` : null);

/** The badge `url` showed when it was last verified, if any. */
export async function readSeen(url: string): Promise<BadgeView | undefined> {
  const key = keyOf(url);
  return key ? (await readCache<BadgeView>(key))?.value : undefined;
}

/** Keeps what `url` shows now that it was verified, or forgets it (null: it failed verification). */
export function keepSeen(url: string, view: BadgeView | null): void {
  const key = keyOf(url);
  if (key) void (view ? writeCache(key, view) : deleteCache(key));
}
