import type { Comparison, Insights, InsightsSegment, SearchInsights, TopContributors, UnansweredQuestion } from '../../contract/index.js';
import { categoryLabel } from '../../contract/categories.js';
import { HOUR } from './fixtures.js';
import { day, mean, percentile, ratio, round, weeksOf } from './insights-math.js';
import type { DeflectionEvent, FeedbackEvent, InsightsLog } from './insights-log.js';
import type { Period } from './insights-range.js';
import type { AnswerRecord, MemoryData, QuestionRecord } from './model.js';

/** Everything the insights are computed from: the dataset, the backend's logs and the clock. */
export interface InsightsInput {
  data: MemoryData;
  log: InsightsLog;
  deflections: readonly DeflectionEvent[];
  feedback: readonly FeedbackEvent[];
  period: Period;
  now: number;
  slaHours: number;
}

const UNANSWERED_MAX = 50;
const TOP_MAX = 10;
const NONE = '(none)';

type Window = [from: number, to: number];
const inside = (t: number, [from, to]: Window) => t >= from && t < to;
const compare = (current: number | null, previous: number | null): Comparison => ({ current, previous });

/**
 * `GET /v1/insights` computed from MemoryBackend's data, by the same definitions as the server
 * (contract/insights.ts): questions asked in the period, their first answers, accepted answers, CSAT
 * answers, deflections and searches recorded in it, each against the period before.
 */
export function computeInsights(input: InsightsInput): Insights {
  const { data, log, period } = input;
  const cur: Window = [period.from, period.to];
  const prev: Window = [period.previousFrom, period.previousTo];
  const answersByQuestion = new Map<string, AnswerRecord[]>();
  for (const a of data.answers) answersByQuestion.set(a.questionId, [...(answersByQuestion.get(a.questionId) ?? []), a]);
  const firstAnswerHours = (q: QuestionRecord) => {
    const times = (answersByQuestion.get(q.id) ?? []).map((a) => a.createdAt);
    return times.length ? (Math.min(...times) - q.createdAt) / HOUR : null;
  };
  const asked = (w: Window, keep: (q: QuestionRecord) => boolean = () => true) => data.questions.filter((q) => inside(q.createdAt, w) && keep(q));
  const hours = (qs: QuestionRecord[]) => qs.map(firstAnswerHours).filter((h): h is number => h !== null);
  const resolved = (qs: QuestionRecord[]) => qs.filter((q) => q.acceptedAnswerId).length;
  const csatIn = (w: Window, keep: (questionId: string) => boolean = () => true) => log.csat.filter((c) => inside(c.at, w) && keep(c.questionId));
  const deflectionsIn = (w: Window, keep: (questionId: string) => boolean = () => true) => input.deflections.filter((d) => inside(d.at, w) && keep(d.questionId)).length;

  const weeks = weeksOf(period.from, period.to);
  // A week cut by the range counts only its part inside the range.
  const weekWindow = (w: number): Window => [Math.max(w, period.from), Math.min(w + 7 * 24 * HOUR, period.to)];

  const segments = (keyOf: (q: QuestionRecord) => string, labelOf: (key: string) => string): InsightsSegment[] => {
    const keys = new Set([...asked(cur), ...asked(prev)].map(keyOf));
    const byId = new Map(data.questions.map((q) => [q.id, q]));
    return [...keys].map((key) => {
      const mine = (q: QuestionRecord) => keyOf(q) === key;
      const mineId = (id: string) => { const q = byId.get(id); return !!q && mine(q); };
      const segment = (w: Window) => {
        const qs = asked(w, mine);
        return { questions: qs.length, median: round(percentile(hours(qs), 0.5), 2), rate: round(ratio(resolved(qs), qs.length), 4), csat: round(mean(csatIn(w, mineId).map((c) => c.score)), 2), deflections: deflectionsIn(w, mineId) };
      };
      const [c, p] = [segment(cur), segment(prev)];
      return {
        key, label: labelOf(key),
        questions: compare(c.questions, p.questions), medianHoursToFirstAnswer: compare(c.median, p.median),
        resolutionRate: compare(c.rate, p.rate), csat: compare(c.csat, p.csat), deflections: compare(c.deflections, p.deflections),
      };
    }).sort((a, b) => (b.questions.current ?? 0) - (a.questions.current ?? 0) || a.label.localeCompare(b.label));
  };

  const orgOf = (personId: string) => {
    const orgId = data.people.find((p) => p.id === personId)?.orgId;
    return orgId ? data.orgs.find((o) => o.id === orgId) : undefined;
  };
  const productOf = (q: QuestionRecord) => {
    const products = [...new Set(data.articles.map((a) => a.product))];
    return products.find((p) => q.tags.includes(p.toLowerCase().replace(/^acme /, '').replace(/\s+/g, '-'))) ?? NONE;
  };

  const csatNow = csatIn(cur);
  const csatBefore = csatIn(prev);
  const satisfied = (cs: { score: number }[]) => round(ratio(cs.filter((c) => c.score >= 4).length, cs.length), 4);
  const feedbackRate = (w: Window) => { const f = input.feedback.filter((x) => inside(x.at, w)); return round(ratio(f.filter((x) => x.helpful).length, f.length), 4); };
  // Answers written in the window: up-votes over all votes they carry.
  const answerVotes = (w: Window) => {
    let up = 0; let all = 0;
    for (const a of data.answers.filter((x) => inside(x.createdAt, w))) {
      // baseScore is the net of votes from people outside the dataset: count it as that many votes.
      all += Math.abs(a.baseScore); if (a.baseScore > 0) up += a.baseScore;
      for (const v of Object.values(a.votes)) { all++; if (v > 0) up++; }
    }
    return round(ratio(up, all), 4);
  };
  const volume = (w: Window) => ({
    threads: data.threads.filter((t) => inside(t.createdAt, w)).length,
    posts: data.posts.filter((p) => inside(p.createdAt, w)).length,
    questions: asked(w).length,
    answers: data.answers.filter((a) => inside(a.createdAt, w)).length,
  });
  const [vc, vp] = [volume(cur), volume(prev)];
  const [ac, ap] = [asked(cur), asked(prev)];
  const [dc, dp] = [deflectionsIn(cur), deflectionsIn(prev)];

  return {
    range: { from: iso(period.from), to: iso(period.to), previousFrom: iso(period.previousFrom), previousTo: iso(period.previousTo) },
    timeToFirstAnswer: {
      median: compare(round(percentile(hours(ac), 0.5), 2), round(percentile(hours(ap), 0.5), 2)),
      p90: compare(round(percentile(hours(ac), 0.9), 2), round(percentile(hours(ap), 0.9), 2)),
      trend: weeks.map((w) => { const h = hours(asked(weekWindow(w))); return { week: day(w), median: round(percentile(h, 0.5), 2), p90: round(percentile(h, 0.9), 2), answered: h.length }; }),
    },
    resolutionRate: {
      rate: compare(round(ratio(resolved(ac), ac.length), 4), round(ratio(resolved(ap), ap.length), 4)),
      asked: compare(ac.length, ap.length),
      resolved: compare(resolved(ac), resolved(ap)),
      trend: weeks.map((w) => { const qs = asked(weekWindow(w)); return { week: day(w), asked: qs.length, resolved: resolved(qs), rate: round(ratio(resolved(qs), qs.length), 4) }; }),
    },
    satisfaction: {
      helpfulRate: { articles: compare(feedbackRate(cur), feedbackRate(prev)), answers: compare(answerVotes(cur), answerVotes(prev)) },
      csat: {
        average: compare(round(mean(csatNow.map((c) => c.score)), 2), round(mean(csatBefore.map((c) => c.score)), 2)),
        responses: compare(csatNow.length, csatBefore.length),
        satisfiedRate: compare(satisfied(csatNow), satisfied(csatBefore)),
        distribution: [1, 2, 3, 4, 5].map((s) => csatNow.filter((c) => c.score === s).length),
      },
    },
    deflectionRate: {
      rate: compare(round(ratio(dc, dc + ac.length), 4), round(ratio(dp, dp + ap.length), 4)),
      deflections: compare(dc, dp),
      asked: compare(ac.length, ap.length),
    },
    volume: {
      totals: { threads: compare(vc.threads, vp.threads), posts: compare(vc.posts, vp.posts), questions: compare(vc.questions, vp.questions), answers: compare(vc.answers, vp.answers) },
      weekly: weeks.map((w) => ({ week: day(w), ...volume(weekWindow(w)) })),
    },
    byTier: segments((q) => orgOf(q.authorId)?.tier ?? NONE, (k) => k),
    byOrg: segments((q) => orgOf(q.authorId)?.id ?? NONE, (k) => data.orgs.find((o) => o.id === k)?.name ?? k),
    byCategory: segments((q) => q.category, categoryLabel),
    byProduct: segments(productOf, (k) => k),
    unanswered: unanswered(input, answersByQuestion, orgOf),
    topContributors: topContributors(data, cur, prev),
    search: searchInsights(log, cur, prev),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function unanswered(input: InsightsInput, answers: Map<string, AnswerRecord[]>, orgOf: (personId: string) => { name: string; tier: UnansweredQuestion['author']['tier'] } | undefined) {
  const open = input.data.questions.filter((q) => !answers.get(q.id)?.length).sort((a, b) => a.createdAt - b.createdAt);
  const ageHours = (q: QuestionRecord) => Math.max(0, (input.now - q.createdAt) / HOUR);
  const items = open.slice(0, UNANSWERED_MAX).map((q): UnansweredQuestion => {
    const person = input.data.people.find((p) => p.id === q.authorId);
    const org = orgOf(q.authorId);
    return {
      id: q.id, title: q.title, category: q.category, categoryLabel: categoryLabel(q.category), askedAt: iso(q.createdAt), ageHours: round(ageHours(q), 2)!, pastSla: ageHours(q) > input.slaHours,
      author: { id: q.authorId, name: person?.name ?? 'Former member', orgName: org?.name ?? null, tier: org?.tier ?? null },
    };
  });
  return { slaHours: input.slaHours, total: open.length, pastSla: open.filter((q) => ageHours(q) > input.slaHours).length, items };
}

function topContributors(data: MemoryData, cur: Window, prev: Window): TopContributors {
  const accepted = new Set(data.questions.map((q) => q.acceptedAnswerId).filter(Boolean));
  const counts = (w: Window, keyOf: (personId: string) => string | null) => {
    const out = new Map<string, { acceptedAnswers: number; helpfulVotes: number }>();
    for (const a of data.answers.filter((x) => inside(x.createdAt, w))) {
      const key = keyOf(a.authorId);
      if (!key) continue;
      const c = out.get(key) ?? { acceptedAnswers: 0, helpfulVotes: 0 };
      if (accepted.has(a.id)) c.acceptedAnswers++;
      c.helpfulVotes += Math.max(0, a.baseScore) + Object.values(a.votes).filter((v) => v > 0).length;
      out.set(key, c);
    }
    return out;
  };
  const rank = <T extends { acceptedAnswers: number; helpfulVotes: number; name: string }>(xs: T[]) =>
    xs.filter((x) => x.acceptedAnswers + x.helpfulVotes > 0).sort((a, b) => b.acceptedAnswers - a.acceptedAnswers || b.helpfulVotes - a.helpfulVotes || a.name.localeCompare(b.name)).slice(0, TOP_MAX);
  const zero = { acceptedAnswers: 0, helpfulVotes: 0 };
  const orgIdOf = (personId: string) => data.people.find((p) => p.id === personId)?.orgId ?? null;
  const [pc, pp] = [counts(cur, (id) => id), counts(prev, (id) => id)];
  const [oc, op] = [counts(cur, orgIdOf), counts(prev, orgIdOf)];
  return {
    people: rank([...pc].map(([id, c]) => {
      const p = data.people.find((x) => x.id === id);
      const org = p?.orgId ? data.orgs.find((o) => o.id === p.orgId) : undefined;
      return { id, name: p?.name ?? 'Former member', orgName: org?.name ?? null, ...c, previous: pp.get(id) ?? zero };
    })),
    orgs: rank([...oc].map(([id, c]) => {
      const o = data.orgs.find((x) => x.id === id);
      return { id, name: o?.name ?? id, tier: o?.tier ?? null, ...c, previous: op.get(id) ?? zero };
    })),
  };
}

function searchInsights(log: InsightsLog, cur: Window, prev: Window): SearchInsights {
  const clicked = new Set(log.clicks.map((c) => c.searchId));
  const [sc, sp] = [log.searches.filter((s) => inside(s.at, cur)), log.searches.filter((s) => inside(s.at, prev))];
  const ctr = (ss: typeof sc) => round(ratio(ss.filter((s) => clicked.has(s.id)).length, ss.length), 4);
  const zero = (ss: typeof sc) => ss.filter((s) => s.results === 0);
  const byQuery = (ss: typeof sc) => {
    const m = new Map<string, typeof sc>();
    for (const s of ss) m.set(s.query, [...(m.get(s.query) ?? []), s]);
    return m;
  };
  const [qc, qp] = [byQuery(sc), byQuery(sp)];
  const [zc, zp] = [byQuery(zero(sc)), byQuery(zero(sp))];
  const order = <T extends { count: number; query: string }>(xs: T[]) => xs.sort((a, b) => b.count - a.count || a.query.localeCompare(b.query)).slice(0, TOP_MAX);
  return {
    searches: compare(sc.length, sp.length),
    clickThroughRate: compare(ctr(sc), ctr(sp)),
    zeroResultRate: compare(round(ratio(zero(sc).length, sc.length), 4), round(ratio(zero(sp).length, sp.length), 4)),
    topQueries: order([...qc].map(([query, ss]) => ({ query, count: ss.length, previousCount: qp.get(query)?.length ?? 0, clickThroughRate: ctr(ss) }))),
    zeroResults: order([...zc].map(([query, ss]) => ({ query, count: ss.length, previousCount: zp.get(query)?.length ?? 0, lastSearchedAt: iso(Math.max(...ss.map((s) => s.at))) }))),
  };
}
