import {
  EXPERT_REQUEST_WINDOW_HOURS, EXPERTS_PER_REQUEST, type ExpertRequest, type SignedInMe,
} from '../../contract/index.js';
import type { QuestionRecord } from './model.js';
import { BackendError } from '../../core/errors.js';
import { forbidden, notFound } from './errors.js';
import { isPublished } from './moderation.js';
import { levelOf, notify, preferencesOf, type NotificationBook } from './notifications.js';
import { clockNow, type MemoryState } from './state.js';
import { excerpt } from './text.js';

/** The standing request of each question: when, and whom it notified. */
export type ExpertRequests = Map<string, { at: number; recipients: string[] }>;

const DAY = 86_400_000;
const RECENT = 90 * DAY;

/**
 * "Notify experts" as the server does it (server/src/notify/experts.ts): vendor staff only; a
 * published question without a published answer; contributors of its category in the last 90 days
 * by accepted answers, then helpful votes, then the category's followers; never the asker or the
 * caller, nobody suspended, muting or opted out; at most 5; one standing request per question for
 * 24 hours.
 */
export function notifyExperts(book: NotificationBook, state: MemoryState, requests: ExpertRequests, me: SignedInMe, questionId: string): ExpertRequest {
  if (!me.roles.includes('vendor-staff')) throw forbidden('Notifying experts is for program staff.');
  const { data } = state;
  const q = data.questions.find((x) => x.id === questionId);
  if (!q || !isPublished(state, 'question', q.id)) throw notFound('Question', questionId);
  if (data.answers.some((a) => a.questionId === q.id && isPublished(state, 'answer', a.id))) {
    const detail = 'The question has an answer now.';
    throw new BackendError(detail, 409, { type: 'about:blank', title: 'Conflict', status: 409, detail });
  }
  const now = clockNow(state);
  const standing = requests.get(q.id);
  if (standing && standing.at > now - EXPERT_REQUEST_WINDOW_HOURS * 3_600_000)
    return { questionId: q.id, notified: standing.recipients.length, requestedAt: new Date(standing.at).toISOString(), repeated: true };
  const experts = chooseExperts(book, state, q, me.id, now);
  if (experts.length) {
    requests.set(q.id, { at: now, recipients: experts });
    notify(book, state, { type: 'expert_request', actorId: me.id, target: { kind: 'question', id: q.id, title: q.title, postId: null }, excerpt: excerpt(q.body) }, experts);
  }
  return { questionId: q.id, notified: experts.length, requestedAt: new Date(now).toISOString(), repeated: false };
}

function chooseExperts(book: NotificationBook, state: MemoryState, q: QuestionRecord, callerId: string, now: number): string[] {
  const { data } = state;
  const score = new Map<string, { accepted: number; helpful: number }>();
  for (const a of data.answers) {
    const of = data.questions.find((x) => x.id === a.questionId);
    if (!of || of.category !== q.category || a.createdAt < now - RECENT || !isPublished(state, 'answer', a.id) || !isPublished(state, 'question', of.id)) continue;
    const s = score.get(a.authorId) ?? { accepted: 0, helpful: 0 };
    if (of.acceptedAnswerId === a.id) s.accepted++;
    s.helpful += Object.values(a.votes).filter((v) => v > 0).length;
    score.set(a.authorId, s);
  }
  const contributors = [...score].filter(([, s]) => s.accepted + s.helpful > 0)
    .sort(([a, x], [b, y]) => y.accepted - x.accepted || y.helpful - x.helpful || a.localeCompare(b)).map(([id]) => id);
  const followers = [...book.follows].flatMap(([personId, follows]) => {
    const f = follows.get(`category:${q.category}`);
    return f?.level === 'watching' ? [{ personId, at: f.at }] : [];
  }).sort((a, b) => a.at - b.at || a.personId.localeCompare(b.personId)).map((f) => f.personId);
  const suspended = (id: string) => (state.mod.suspended.get(id) ?? 0) > now;
  const muted = (id: string) => levelOf(book, id, 'question', q.id) === 'muted' || levelOf(book, id, 'category', q.category) === 'muted'
    || q.tags.some((t) => levelOf(book, id, 'tag', t) === 'muted');
  return [...new Set([...contributors, ...followers])]
    .filter((id) => id !== q.authorId && id !== callerId && !suspended(id) && !muted(id) && preferencesOf(book, id).expert_request !== 'off')
    .slice(0, EXPERTS_PER_REQUEST);
}
