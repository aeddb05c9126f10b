/**
 * Moderation in memory (issue 14): flags with the three-flag hide, the queue, moderator actions, the
 * audit log, locked and pinned threads, suspensions, watched words. The content records stay as the
 * demo data made them; what moderation knows about an item lives beside them (moderation-store.ts),
 * keyed `kind:id`, so the other concerns (threads.ts, questions.ts) ask `visibleTo` / `statusOf`.
 */
import * as v from 'valibot';
import {
  AuditLogQuery, FLAG_REASONS, ModerationActionRequest, NewFlag, QueueQuery, WatchedWords,
  type AuditEntry, type AuditLogPage, type ContentKind, type ContentRef, type ContentStatus, type Flag, type FlagReason,
  type ModerationState, type ModerationTarget, type QueueItem, type QueuePage, type SignedInMe,
} from '../../contract/index.js';
import { BackendError, ValidationError } from '../../core/errors.js';
import { forbidden, notFound, parseInput, unauthorized } from './errors.js';
import { emit } from './live-events.js';
import { createModerationStore, type FlagRecord, type ModRecord, type ModerationStore } from './moderation-store.js';
import { DEFAULT_PAGE, paginate } from './paging.js';
import { author, authorIdFor } from './people.js';
import { clockNow, iso, newId, type MemoryState } from './state.js';
import { excerpt } from './text.js';

export { createModerationStore, type ModerationStore };

/** Flags from this many different people hide an item until a moderator decides (the server's default). */
export const HIDE_AFTER_FLAGS = 3;

const keyOf = (ref: ContentRef) => `${ref.kind}:${ref.id}`;
const isModerator = (me: SignedInMe | null) => !!me && me.roles.some((r) => r === 'moderator' || r === 'vendor-staff');
const conflict = (detail: string) => new BackendError(detail, 409, { type: 'about:blank', title: 'Conflict', status: 409, detail });

function record(state: MemoryState, ref: ContentRef): ModRecord {
  let r = state.mod.items.get(keyOf(ref));
  if (!r) state.mod.items.set(keyOf(ref), (r = { status: 'published', heldReason: null, flags: [], locked: false, pinned: false }));
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

/**
 * Watched words on a new piece of content: a `block` word refuses it with a 422 naming the word; a
 * `hold` word lets it in held, so the author's text is never lost. Call before storing, then `afterWrite`.
 */
export function screen(state: MemoryState, ...texts: string[]): 'published' | 'held' {
  let held = false;
  for (const w of state.mod.watchedWords) {
    const re = new RegExp(`\\b${w.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'iu');
    if (!texts.some((t) => re.test(t))) continue;
    if (w.action === 'block') {
      const detail = `The text contains the blocked word “${w.pattern}”.`;
      throw new ValidationError(detail, [{ path: 'body', message: detail }], 422, { type: 'about:blank', title: 'Unprocessable Content', status: 422, detail });
    }
    held = true;
  }
  return held ? 'held' : 'published';
}

/** Marks new content held when `screen` said so, and tells the moderators' queue. */
export function afterWrite(state: MemoryState, ref: ContentRef, status: 'published' | 'held', parentId: string | null): void {
  if (status !== 'held') return;
  Object.assign(record(state, ref), { status: 'held', heldReason: 'watched-word' });
  emit(state, { type: 'content.held', id: ref.id, parentId, category: null, at: iso(clockNow(state)), kind: ref.kind });
}

interface Located { authorId: string; title: string; body: string; parent: ContentRef | null; createdAt: number }

/** Finds the content a reference names, with what the queue shows of it. */
function locate(state: MemoryState, ref: ContentRef): Located {
  const { data } = state;
  if (ref.kind === 'thread') {
    const t = data.threads.find((x) => x.id === ref.id);
    if (t) return { authorId: t.authorId, title: t.title, body: t.body, parent: null, createdAt: t.createdAt };
  } else if (ref.kind === 'post') {
    const p = data.posts.find((x) => x.id === ref.id);
    const t = p && data.threads.find((x) => x.id === p.threadId);
    if (p) return { authorId: p.authorId, title: t?.title ?? '', body: p.body, parent: { kind: 'thread', id: p.threadId }, createdAt: p.createdAt };
  } else if (ref.kind === 'question') {
    const q = data.questions.find((x) => x.id === ref.id);
    if (q) return { authorId: q.authorId, title: q.title, body: q.body, parent: null, createdAt: q.createdAt };
  } else {
    const a = data.answers.find((x) => x.id === ref.id);
    const q = a && data.questions.find((x) => x.id === a.questionId);
    if (a) return { authorId: a.authorId, title: q?.title ?? '', body: a.body, parent: { kind: 'question', id: a.questionId }, createdAt: a.createdAt };
  }
  throw notFound(ref.kind[0]!.toUpperCase() + ref.kind.slice(1), ref.id);
}

export function createFlag(state: MemoryState, me: SignedInMe, input: v.InferInput<typeof NewFlag>): Flag {
  const { target, reason, note } = parseInput(NewFlag, input, 400);
  const item = locate(state, target);
  if (!visibleTo(state, target.kind, target.id, item.authorId)) throw notFound(target.kind, target.id);
  if (item.authorId === me.id) throw conflict('You cannot report your own content.');
  const r = record(state, target);
  if (r.flags.some((f) => f.by === me.id)) throw conflict('You have already reported this.');
  const now = clockNow(state);
  const flag: FlagRecord = { id: newId(state, 'fl'), by: authorIdFor(state.data, me), reason, note: note || null, at: now };
  r.flags.push(flag);
  emit(state, { type: 'flag.created', id: target.id, parentId: item.parent?.id ?? null, category: null, at: iso(now), kind: target.kind });
  if (r.status === 'published' && new Set(r.flags.map((f) => f.by)).size >= HIDE_AFTER_FLAGS) {
    const before = stateOf(r);
    Object.assign(r, { status: 'hidden', heldReason: 'flags' });
    log(state, null, 'auto-hide', target, `${HIDE_AFTER_FLAGS} reports`, before, stateOf(r));
    emit(state, { type: 'content.hidden', id: target.id, parentId: item.parent?.id ?? null, category: null, at: iso(now), kind: target.kind });
  }
  return { id: flag.id, target, reason, note: flag.note, createdAt: iso(now) };
}

function requireModerator(state: MemoryState): SignedInMe {
  const me = state.user;
  if (!me) throw unauthorized();
  if (!isModerator(me)) throw forbidden('Moderation is for moderators and vendor staff.');
  return me;
}

export function moderationQueue(state: MemoryState, input: v.InferInput<typeof QueueQuery>): QueuePage {
  requireModerator(state);
  const query = parseInput(QueueQuery, input, 400);
  const open = [...state.mod.items.entries()].filter(([, r]) => {
    const flagged = r.flags.length > 0;
    // Hidden by flags waits for a decision like held content does; hidden by a moderator was decided.
    const waiting = r.status === 'held' || (r.status === 'hidden' && r.heldReason === 'flags');
    if (query.filter === 'flagged' ? !flagged : query.filter === 'held' ? !waiting : !flagged && !waiting) return false;
    return !query.reason || r.flags.some((f) => f.reason === query.reason);
  });
  const items = open.map(([key, r]) => queueItem(state, key, r));
  // Oldest first, as the server answers: the longest-waiting item is decided first.
  const since = (i: QueueItem) => i.firstFlaggedAt ?? i.createdAt;
  items.sort((a, b) => since(a).localeCompare(since(b)) || a.target.id.localeCompare(b.target.id));
  return paginate(items, query.cursor, query.limit ?? DEFAULT_PAGE);
}

function queueItem(state: MemoryState, key: string, r: ModRecord): QueueItem {
  const [kind, ...rest] = key.split(':');
  const target = { kind: kind as ContentKind, id: rest.join(':') };
  const c = locate(state, target);
  const times = r.flags.map((f) => f.at).sort((a, b) => a - b);
  const counts = (reason: FlagReason) => r.flags.filter((f) => f.reason === reason).length;
  return {
    target, status: r.status, title: c.title, excerpt: excerpt(c.body), author: author(state.data, c.authorId), parent: c.parent,
    reasons: FLAG_REASONS.filter((reason) => counts(reason) > 0).sort((a, b) => counts(b) - counts(a)),
    flagCount: r.flags.length, notes: r.flags.flatMap((f) => (f.note ? [f.note] : [])),
    heldReason: r.status === 'published' ? null : r.heldReason,
    createdAt: iso(c.createdAt), firstFlaggedAt: times.length ? iso(times[0]!) : null, lastFlaggedAt: times.length ? iso(times[times.length - 1]!) : null,
    ...(target.kind === 'thread' ? { locked: r.locked, pinned: r.pinned } : {}),
  };
}

const stateOf = (r: ModRecord): ModerationState => ({ status: r.status, locked: r.locked, pinned: r.pinned });

function log(state: MemoryState, actor: SignedInMe | null, action: AuditEntry['action'], target: ModerationTarget | null,
  reason: string | null, before: ModerationState, after: ModerationState): AuditEntry {
  const entry: AuditEntry = {
    id: newId(state, 'au'), actor: actor ? author(state.data, authorIdFor(state.data, actor)) : null, action, target, reason, before, after,
    at: iso(clockNow(state)),
  };
  state.mod.log.unshift(entry);
  return entry;
}

export function moderationAction(state: MemoryState, input: v.InferInput<typeof ModerationActionRequest>): AuditEntry {
  const me = requireModerator(state);
  const request = parseInput(ModerationActionRequest, input, 400);
  const { action, target } = request;
  const reason = request.reason || null;
  const now = clockNow(state);
  if (action === 'suspend' || action === 'unsuspend' || target.kind === 'person') {
    if (target.kind !== 'person' || (action !== 'suspend' && action !== 'unsuspend')) throw badTarget('suspend and unsuspend, and only they, take { kind: "person", id }');
    if (!state.data.people.some((p) => p.id === target.id)) throw notFound('Person', target.id);
    const was = state.mod.suspended.get(target.id);
    const before = { suspendedUntil: was !== undefined && was > now ? iso(was) : null };
    if (action === 'suspend') {
      const until = request.until ? Date.parse(request.until) : Number.POSITIVE_INFINITY;
      if (!(until > now)) throw badTarget('until: a suspension ends in the future');
      state.mod.suspended.set(target.id, until);
    } else state.mod.suspended.delete(target.id);
    const after = { suspendedUntil: action === 'suspend' ? (request.until ?? null) : null };
    return log(state, me, action, target, reason, before, after);
  }
  const ref = target as ContentRef;
  const located = locate(state, ref);
  if ((action === 'lock' || action === 'unlock' || action === 'pin' || action === 'unpin') && ref.kind !== 'thread') {
    throw badTarget(`${action} applies to threads only`);
  }
  const r = record(state, ref);
  const before = stateOf(r);
  // Deciding closes the open flags: the item leaves the queue.
  if (action === 'approve') Object.assign(r, { status: 'published', heldReason: null, flags: [] });
  else if (action === 'hide') Object.assign(r, { status: 'hidden', heldReason: 'moderator', flags: [] });
  else if (action === 'delete') {
    remove(state, ref);
    state.mod.items.delete(keyOf(ref));
    return log(state, me, action, target, reason, before, { deleted: true });
  } else if (action === 'lock' || action === 'unlock') r.locked = action === 'lock';
  else r.pinned = action === 'pin';
  if (action === 'hide') emit(state, { type: 'content.hidden', id: ref.id, parentId: located.parent?.id ?? null, category: null, at: iso(now), kind: ref.kind });
  if (action === 'approve' && before.status !== 'published') announceApproved(state, ref, located.parent, now);
  return log(state, me, action, target, reason, before, stateOf(r));
}

const CREATED = { thread: 'thread.created', post: 'post.created', question: 'question.created', answer: 'answer.created' } as const;

/**
 * A held or hidden item just approved: announced now as it would have been when posted, so live feeds
 * pick it up (as the server does), and its thread or question moves up. Nothing is announced while
 * that thread or question is itself not published: the event would tell everyone it exists.
 */
function announceApproved(state: MemoryState, ref: ContentRef, parent: ContentRef | null, now: number): void {
  if (parent && record(state, parent).status !== 'published') return;
  const { data } = state;
  const topic =
    ref.kind === 'thread' || ref.kind === 'post'
      ? data.threads.find((t) => t.id === (parent?.id ?? ref.id))
      : data.questions.find((q) => q.id === (parent?.id ?? ref.id));
  if (!topic) return;
  if (parent) topic.lastActivityAt = now;
  emit(state, { type: CREATED[ref.kind], id: ref.id, parentId: parent?.id ?? null, category: topic.category, at: iso(now) });
}

const badTarget = (detail: string) => new BackendError(detail, 400, { type: 'about:blank', title: 'Bad Request', status: 400, detail });

function remove(state: MemoryState, ref: ContentRef): void {
  const { data } = state;
  const drop = <T extends { id: string }>(list: T[]) => {
    const i = list.findIndex((x) => x.id === ref.id);
    if (i >= 0) list.splice(i, 1);
  };
  if (ref.kind === 'thread') {
    drop(data.threads);
    data.posts = data.posts.filter((p) => p.threadId !== ref.id);
  } else if (ref.kind === 'post') drop(data.posts);
  else if (ref.kind === 'question') {
    drop(data.questions);
    data.answers = data.answers.filter((a) => a.questionId !== ref.id);
  } else drop(data.answers);
}

export function moderationLog(state: MemoryState, input: v.InferInput<typeof AuditLogQuery>): AuditLogPage {
  requireModerator(state);
  const q = parseInput(AuditLogQuery, input, 400);
  const list = state.mod.log.filter((e) => (!q.targetKind || e.target?.kind === q.targetKind) && (!q.targetId || e.target?.id === q.targetId));
  return paginate(list, q.cursor, q.limit ?? DEFAULT_PAGE);
}

export function getWatchedWords(state: MemoryState): WatchedWords {
  requireModerator(state);
  return { items: state.mod.watchedWords.map((w) => ({ ...w })) };
}

export function putWatchedWords(state: MemoryState, input: v.InferInput<typeof WatchedWords>): WatchedWords {
  const me = requireModerator(state);
  const words = parseInput(WatchedWords, input);
  const before = state.mod.watchedWords;
  state.mod.watchedWords = words.items;
  log(state, me, 'set-watched-words', null, null, { watchedWords: before }, { watchedWords: words.items });
  return getWatchedWords(state);
}

/**
 * A few items for the queue to show in stories and tests: a thread two partners reported as spam, a
 * post hidden by three reports, and an answer held by a watched word.
 */
export function seedModeration(state: MemoryState): void {
  const { data } = state;
  const flag = (ref: ContentRef, by: string, reason: FlagReason, note: string | null, minutesAgo: number) => {
    if (!data.people.some((p) => p.id === by)) return;
    record(state, ref).flags.push({ id: newId(state, 'fl'), by, reason, note, at: data.now - minutesAgo * 60_000 });
  };
  if (data.threads.some((t) => t.id === 'th-007')) {
    flag({ kind: 'thread', id: 'th-007' }, 'u-lars', 'spam', 'Looks like an advert for a reseller.', 50);
    flag({ kind: 'thread', id: 'th-007' }, 'u-mateus', 'spam', null, 20);
  }
  const post = data.posts.find((p) => p.threadId === 'th-003' && !['u-aiko', 'u-priya', 'u-jean-luc'].includes(p.authorId));
  if (post) {
    const ref = { kind: 'post' as const, id: post.id };
    flag(ref, 'u-aiko', 'inappropriate', 'Personal attack on another partner.', 90);
    flag(ref, 'u-priya', 'inappropriate', null, 70);
    flag(ref, 'u-jean-luc', 'off-topic', null, 40);
    Object.assign(record(state, ref), { status: 'hidden', heldReason: 'flags' });
  }
  const answer = data.answers.find((a) => a.questionId === 'q-002');
  if (answer) Object.assign(record(state, { kind: 'answer', id: answer.id }), { status: 'held', heldReason: 'watched-word' });
}
