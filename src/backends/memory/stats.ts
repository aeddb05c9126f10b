import type { Stats } from '../../contract/index.js';
import { DAY, HOUR } from './fixtures.js';
import type { MemoryData } from './model.js';

const WEEKS = 8;

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Monday 00:00 UTC of the week containing `ms`. */
const weekStart = (ms: number) => {
  const d = new Date(ms);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
};

/** Community health figures computed from the data, as a vendor dashboard shows them. */
export function computeStats(data: MemoryData, now: number): Stats {
  const firstAnswerHours = data.questions.flatMap((q) => {
    const times = data.answers.filter((a) => a.questionId === q.id).map((a) => a.createdAt);
    return times.length ? [(Math.min(...times) - q.createdAt) / HOUR] : [];
  });
  const med = median(firstAnswerHours);
  const yes = data.articles.reduce((n, a) => n + a.helpful.yes, 0);
  const votes = data.articles.reduce((n, a) => n + a.helpful.yes + a.helpful.no, 0);
  const scored = data.answers.map((a) => a.baseScore + Object.values(a.votes).reduce<number>((n, x) => n + x, 0));
  const thisWeek = weekStart(now);
  const weekly = Array.from({ length: WEEKS }, (_, i) => {
    const from = thisWeek - (WEEKS - 1 - i) * 7 * DAY;
    const within = (t: number) => t >= from && t < from + 7 * DAY;
    return {
      week: new Date(from).toISOString().slice(0, 10),
      threads: data.threads.filter((t) => within(t.createdAt)).length,
      posts: data.posts.filter((p) => within(p.createdAt)).length,
      questions: data.questions.filter((q) => within(q.createdAt)).length,
      answers: data.answers.filter((a) => within(a.createdAt)).length,
    };
  });
  return {
    medianHoursToFirstAnswer: med === null ? null : Math.round(med * 10) / 10,
    resolutionRate: rate(data.questions.filter((q) => q.acceptedAnswerId).length, data.questions.length),
    helpfulRate: { articles: rate(yes, votes), answers: rate(scored.filter((s) => s > 0).length, scored.length) },
    weekly,
  };
}
