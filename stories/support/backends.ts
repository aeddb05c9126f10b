/**
 * Backends for stories. Every story gets its own MemoryBackend with its own `id`, so the shared
 * in-flight and cache layers of core/ never hand one story's data to another.
 */
import { MemoryBackend, createFixtures, meFor, type MemoryBackendOptions, type MemoryData } from '../../src/backends/memory/index.js';
import { BackendError, ValidationError } from '../../src/core/errors.js';

export { meFor };

/** Longer than any request a story waits for: the loading state stays on screen. */
export const FOREVER = 2_147_000_000;

/** A MemoryBackend with the fixture community and a story-specific id. */
export function memory(id: string, options: Omit<MemoryBackendOptions, 'id'> = {}): MemoryBackend {
  return new MemoryBackend({ ...options, id: `story-${id}` });
}

/** The fixture community with nothing in it: no threads, questions, articles or certifications. */
export function emptyData(): MemoryData {
  const d = createFixtures();
  return { ...d, threads: [], posts: [], questions: [], answers: [], articles: [], certifications: [] };
}

/** `text` repeated and cut to exactly `n` characters, with word breaks only every so often. */
export function long(text: string, n = 200): string {
  let s = '';
  while (s.length < n) s += (s ? ' ' : '') + text;
  return s.slice(0, n);
}

/** One unbroken 200-character word: the worst case for wrapping. */
export const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(7).slice(0, 200);

/**
 * The fixture community where names and titles are 200 characters long: people, organisations,
 * thread, question and article titles, badge names. Some are one unbroken word.
 */
export function longData(): MemoryData {
  const d = createFixtures();
  d.people.forEach((p, i) => (p.name = i % 3 === 0 ? LONG_WORD : long(`${p.name} ${p.name}-Lastname`)));
  d.orgs.forEach((o) => (o.name = long(`${o.name} International Holdings and Subsidiaries`)));
  d.threads.forEach((t, i) => {
    t.title = i % 4 === 1 ? LONG_WORD : long(t.title);
    t.tags = [...t.tags, 'a-very-long-tag-name-that-keeps-going-and-going-without-a-break'];
  });
  d.questions.forEach((q, i) => (q.title = i % 4 === 1 ? LONG_WORD : long(q.title)));
  d.articles.forEach((a, i) => (a.title = i % 4 === 1 ? LONG_WORD : long(a.title)));
  d.badges.forEach((b) => (b.name = long(b.name)));
  return d;
}

/** A server error with an RFC 9457 problem body, as RestBackend builds it from a 503 response. */
export function problemError(): BackendError {
  const detail = 'The community service is down for maintenance until 10:00 UTC.';
  const e = new BackendError(detail, 503, {
    type: 'https://community.acme.example/problems/maintenance',
    title: 'Service Unavailable',
    status: 503,
    detail,
  });
  e.retryAfter = 120;
  return e;
}

/** A response that did not match the contract, naming the path that was wrong. */
export function validationError(): ValidationError {
  const errors = [{ path: 'items[3].title', message: 'Invalid type: Expected string but received 3' }];
  return new ValidationError('items[3].title: Invalid type: Expected string but received 3', errors, 0, null);
}
