/**
 * Runs `load` (a lazy chunk's import, usually) once and shares the result, but forgets a failure: a
 * chunk that could not be fetched (offline, a deploy in between) is fetched anew on the next call
 * instead of failing for the rest of the page's life.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}
