/**
 * Whether a partner ever kept a recent search in this browser, asked without opening (and so
 * creating) the database. In a file of its own: `<confab-article-search>` asks it on its first
 * render, and the store itself (recent-searches.ts) is not to be part of that first load.
 */

/** The IndexedDB database recent searches are kept in (store `recent`, see recent-searches.ts). */
export const RECENT_DB = 'confab-recent';

/** False only when the browser lists its databases and ours is not among them. */
export async function recentSearchesKept(): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((d) => d.name === RECENT_DB);
  } catch {
    return true; // no databases() (older browsers): look
  }
}
