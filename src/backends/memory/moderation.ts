/**
 * Moderation in memory (issue 14): flags with the three-flag hide, the queue, moderator actions, the
 * audit log, locked and pinned threads, suspensions. The content records stay as the demo data made
 * them; what moderation knows about an item lives beside them, keyed `kind:id`, so the other
 * concerns (threads.ts, questions.ts) ask `visibleTo` / `isPublished` instead of reading fields.
 */
import type { Page, SignedInMe } from '../../contract/index.js';
import type {
  ContentKind, ContentRef, ContentStatus, Flag, FlagReason, ModerationLogEntry, ModerationRequest, NewFlag, QueueItem, QueueQuery,
} from '../moderation.js';
import { CONTENT_KINDS, FLAG_REASONS, MODERATION_ACTIONS } from '../moderation.js';
import { BackendError } from '../../core/errors.js';
import { badRequest, forbidden, notFound, unauthorized } from './errors.js';
import { DEFAULT_PAGE, paginate } from './paging.js';
import { author, authorIdFor } from './people.js';
import { clockNow, iso, newId, type MemoryState } from './state.js';
import { excerpt } from './text.js';
import { createModerationStore, type FlagRecord, type ModRecord, type ModerationStore } from './moderation-store.js';

export { createModerationStore, type ModerationStore };

/** Flags from this many different people hide an item until a moderator decides (the server's default). */
export const HIDE_AFTER_FLAGS = 3;

const keyOf = (ref: ContentRef) => `${ref.kind}:${ref.id}`;
const isModerator = (me: SignedInMe | null) => !!me && me.roles.some((r) => r === 'moderator' || r === 'vendor-staff');

function record(state: MemoryState, ref: ContentRef): ModRecord {
  let r = state.mod.items.get(keyOf(ref));
  if (!r) state.mod.items.set(keyOf(ref), (r = { status: 'published', flags: [], locked: false, pinned: false }));
  return r;
}

/** The status of an item: `published` unless moderation held or hid it. */
export function statusOf(state: MemoryState, kind: ContentKind, id: string): ContentStatus {
  return state.mod.items.get(`${kind}:${id}`)?.status ?? 'published';
}

export const isPublished = (state: MemoryState, kind: ContentKind, id: string) => statusOf(state, kind, id) === 'published';
export const isLocked = (state: MemoryState, id: string) => state.mod.items.get(`thread:${id}`)?.locked ?? false;
export const isPinned = (state: MemoryState, id: string) => state.mod.items.get(`thread:${id}`)?.pinned ?? false;

/** Held and hidden content is seen only by its author and by moderators. */
export function visibleTo(state: MemoryState, kind: ContentKind, id: string, authorId: string): boolean {
  if (isPublished(state, kind, id)) return true;
  const me = state.user;
  return !!me && (me.id === authorId || isModerator(me));
}

/** A write by a suspended person is refused until the suspension ends. */
export function assertMayWrite(state: MemoryState, me: SignedInMe): void {
  const until = state.mod.suspended.get(me.id);
  if (until !== undefined && until > clockNow(state)) throw forbidden(`You are suspended until ${iso(until)}.`);
}

/** A locked thread takes no replies. */
export function assertOpen(state: MemoryState, threadId: string): void {
  if (isLocked(state, threadId)) throw conflict('This thread is locked: it takes no new replies.');
}

const conflict = (detail: string) => new BackendError(detail, 409, { type: 'about:blank', title: 'Conflict', status: 409, detail });

interface Located { authorId: string; title: string; body: string; parentId: string; createdAt: number }

/** Finds the content a reference names, with what the queue shows of it. */
function locate(state: MemoryState, ref: ContentRef): Located {
  const { data } = state;
  switch (ref.kind) {
    case 'thread': {
      const t = data.threads.find((x) => x.id === ref.id);
      if (t) return { authorId: t.authorId, title: t.title, body: t.body, parentId: t.id, createdAt: t.createdAt };
      break;
    }
    case 'post': {
      const p = data.posts.find((x) => x.id === ref.id);
      const t = p && data.threads.find((x) => x.id === p.threadId);
      if (p) return { authorId: p.authorId, title: t?.title ?? '', body: p.body, parentId: p.threadId, createdAt: p.createdAt };
      break;
    }
    case 'question': {
      const q = data.questions.find((x) => x.id === ref.id);
      if (q) return { authorId: q.authorId, title: q.title, body: q.body, parentId: q.id, createdAt: q.createdAt };
      break;
    }
    case 'answer': {
      const a = data.answers.find((x) => x.id === ref.id);
      const q = a && data.questions.find((x) => x.id === a.questionId);
      if (a) return { authorId: a.authorId, title: q?.title ?? '', body: a.body, parentId: a.questionId, createdAt: a.createdAt };
      break;
    }
  }
  throw notFound(ref.kind[0]!.toUpperCase() + ref.kind.slice(1), ref.id);
}

function checkRef(ref: unknown): ContentRef {
  const r = ref as Partial<ContentRef> | undefined;
  if (!r || !CONTENT_KINDS.includes(r.kind as ContentKind) || typeof r.id !== 'string' || !r.id) throw badRequest('target: must be { kind, id }');
  return { kind: r.kind as ContentKind, id: r.id };
}

export function flagContent(state: MemoryState, me: SignedInMe, input: NewFlag): Flag {
  const target = checkRef(input?.target);
  if (!FLAG_REASONS.includes(input.reason)) throw badRequest(`reason: must be one of ${FLAG_REASONS.join(', ')}`);
  const note = input.note?.trim() ? input.note.trim().slice(0, 500) : null;
  const item = locate(state, target);
  if (item.authorId === me.id) throw badRequest('You cannot report your own content.');
  const r = record(state, target);
  if (r.flags.some((f) => f.by === me.id)) throw conflict('You have already reported this.');
  const flag: FlagRecord = { id: newId(state, 'fl'), by: authorIdFor(state.data, me), reason: input.reason, note, at: clockNow(state) };
  r.flags.push(flag);
  if (r.status === 'published' && new Set(r.flags.map((f) => f.by)).size >= HIDE_AFTER_FLAGS) r.status = 'hidden';
  return { id: flag.id, target, reason: flag.reason, note, createdAt: iso(flag.at) };
}

function requireModerator(state: MemoryState): SignedInMe {
  const me = state.user;
  if (!me) throw unauthorized();
  if (!isModerator(me)) throw forbidden('The moderation queue is for moderators and vendor staff.');
  return me;
}

export function moderationQueue(state: MemoryState, query: QueueQuery): Page<QueueItem> {
  requireModerator(state);
  const open = [...state.mod.items.entries()].filter(([, r]) => {
    // Decided items leave the queue: approved ones have no open flags, hidden ones stay until decided.
    const flagged = r.flags.length > 0;
    const held = r.status === 'held';
    if (!flagged && !held) return false;
    if (query.filter === 'flagged' && !flagged) return false;
    if (query.filter === 'held' && !held) return false;
    return !query.reason || r.flags.some((f) => f.reason === query.reason);
  });
  const items = open.map(([key, r]) => queueItem(state, key, r));
  items.sort((a, b) => (b.flaggedAt ?? b.createdAt).localeCompare(a.flaggedAt ?? a.createdAt) || a.target.id.localeCompare(b.target.id));
  const page = paginate(items, query.cursor, query.limit ?? DEFAULT_PAGE);
  return { items: page.items, nextCursor: page.nextCursor };
}

function queueItem(state: MemoryState, key: string, r: ModRecord): QueueItem {
  const [kind, ...rest] = key.split(':');
  const target = { kind: kind as ContentKind, id: rest.join(':') };
  const c = locate(state, target);
  const lastFlag = r.flags.reduce((m, f) => Math.max(m, f.at), 0);
  return {
    target, status: r.status, title: c.title, excerpt: excerpt(c.body), author: author(state.data, c.authorId), parentId: c.parentId,
    reasons: FLAG_REASONS.filter((reason) => r.flags.some((f) => f.reason === reason)),
    flagCount: r.flags.length, notes: r.flags.flatMap((f) => (f.note ? [f.note] : [])),
    createdAt: iso(c.createdAt), flaggedAt: lastFlag ? iso(lastFlag) : null, locked: r.locked, pinned: r.pinned,
  };
}

export function moderate(state: MemoryState, request: ModerationRequest): ModerationLogEntry {
  const me = requireModerator(state);
  if (!MODERATION_ACTIONS.includes(request?.action)) throw badRequest(`action: must be one of ${MODERATION_ACTIONS.join(', ')}`);
  const { action } = request;
  const now = clockNow(state);
  let before: string;
  let after: string;
  if (action === 'suspend' || action === 'unsuspend') {
    const t = request.target as { kind: string; id: string };
    if (t?.kind !== 'person' || !state.data.people.some((p) => p.id === t.id)) throw badRequest('target: suspend and unsuspend take { kind: "person", id }');
    const was = state.mod.suspended.get(t.id);
    before = was !== undefined && was > now ? `suspended until ${iso(was)}` : 'active';
    if (action === 'suspend') {
      const until = request.until ? Date.parse(request.until) : NaN;
      if (!(until > now)) throw badRequest('until: suspend needs a future instant');
      state.mod.suspended.set(t.id, until);
      after = `suspended until ${iso(until)}`;
    } else {
      state.mod.suspended.delete(t.id);
      after = 'active';
    }
  } else {
    const target = checkRef(request.target);
    const located = locate(state, target);
    const r = record(state, target);
    if ((action === 'lock' || action === 'unlock' || action === 'pin' || action === 'unpin') && target.kind !== 'thread') {
      throw badRequest(`${action} applies to threads only`);
    }
    before = describe(r);
    if (action === 'approve') {
      r.status = 'published';
      r.flags = [];
    } else if (action === 'hide') {
      r.status = 'hidden';
      r.flags = [];
    } else if (action === 'delete') {
      remove(state, target, located);
      state.mod.items.delete(keyOf(target));
      r.flags = [];
    } else if (action === 'lock' || action === 'unlock') r.locked = action === 'lock';
    else r.pinned = action === 'pin';
    after = action === 'delete' ? 'deleted' : describe(r);
  }
  const entry: ModerationLogEntry = {
    id: newId(state, 'ml'), actor: author(state.data, authorIdFor(state.data, me)), target: request.target, action,
    reason: request.reason?.trim() || null, before, after, at: iso(now),
  };
  state.mod.log.unshift(entry);
  return entry;
}

const describe = (r: ModRecord) => [r.status, r.locked ? 'locked' : '', r.pinned ? 'pinned' : ''].filter(Boolean).join(', ');

function remove(state: MemoryState, ref: ContentRef, c: Located): void {
  const { data } = state;
  const drop = <T extends { id: string }>(list: T[]) => {
    const i = list.findIndex((x) => x.id === ref.id);
    if (i >= 0) list.splice(i, 1);
  };
  if (ref.kind === 'thread') {
    drop(data.threads);
    data.posts = data.posts.filter((p) => p.threadId !== c.parentId);
  } else if (ref.kind === 'post') drop(data.posts);
  else if (ref.kind === 'question') {
    drop(data.questions);
    data.answers = data.answers.filter((a) => a.questionId !== c.parentId);
  } else drop(data.answers);
}

export function moderationLog(state: MemoryState, query: { cursor?: string; limit?: number }): Page<ModerationLogEntry> {
  requireModerator(state);
  return paginate(state.mod.log, query.cursor, query.limit ?? DEFAULT_PAGE);
}

/**
 * A few items for the queue to show in stories and the demo: a thread two partners reported as spam,
 * a post hidden by three reports, and a held reply from a new partner.
 */
export function seedModeration(state: MemoryState): void {
  const { data } = state;
  const at = data.now - 3_600_000;
  const flag = (ref: ContentRef, by: string, reason: FlagReason, note: string | null, minutesAgo: number) => {
    if (!data.people.some((p) => p.id === by)) return;
    record(state, ref).flags.push({ id: newId(state, 'fl'), by, reason, note, at: at + 3_600_000 - minutesAgo * 60_000 });
  };
  const thread = data.threads.find((t) => t.id === 'th-007');
  if (thread) {
    flag({ kind: 'thread', id: thread.id }, 'u-lars', 'spam', 'Looks like an advert for a reseller.', 50);
    flag({ kind: 'thread', id: thread.id }, 'u-mateus', 'spam', null, 20);
  }
  const post = data.posts.find((p) => p.threadId === 'th-003');
  if (post) {
    flag({ kind: 'post', id: post.id }, 'u-aiko', 'inappropriate', 'Personal attack on another partner.', 90);
    flag({ kind: 'post', id: post.id }, 'u-priya', 'inappropriate', null, 70);
    flag({ kind: 'post', id: post.id }, 'u-jean-luc', 'off-topic', null, 40);
    record(state, { kind: 'post', id: post.id }).status = 'hidden';
  }
  const answer = data.answers.find((a) => a.questionId === 'q-002');
  if (answer) record(state, { kind: 'answer', id: answer.id }).status = 'held';
}
