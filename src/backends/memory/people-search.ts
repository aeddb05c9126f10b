import type { Person } from '../../contract/index.js';
import { unauthorized } from './errors.js';
import { author } from './people.js';
import type { MemoryState } from './state.js';
import { plainText } from './text.js';

const MAX_PEOPLE = 8;

/**
 * People the caller may @mention, matching `q` at the start of a word of the name or of the id.
 * Visibility: vendor staff and moderators see everyone; a partner sees vendor staff, their own
 * organisation, and people who post in the community, never another partner organisation's silent members.
 */
export function searchPeople(state: MemoryState, q: string): Person[] {
  const me = state.user;
  if (!me) throw unauthorized('Sign in to mention people.');
  const needle = plainText(String(q ?? '')).trim().toLowerCase().slice(0, 60);
  const staff = me.roles.some((r) => r === 'vendor-staff' || r === 'moderator');
  const { data } = state;
  const posters = new Set([...data.threads, ...data.posts, ...data.questions, ...data.answers].map((x) => x.authorId));
  return data.people
    .filter((p) => p.id !== me.id)
    .filter((p) => staff || p.orgId === null || (me.org && p.orgId === me.org.id) || posters.has(p.id))
    .filter((p) => !needle || p.id.toLowerCase().startsWith(needle) || p.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(needle)) || p.name.toLowerCase().startsWith(needle))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_PEOPLE)
    .map((p) => author(data, p.id));
}
