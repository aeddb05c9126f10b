import { createRng } from '../../demo-data/prng.js';
import { DAY, HOUR } from './fixtures.js';
import { emptyInsightsLog, type InsightsLog } from './insights-log.js';
import type { MemoryData } from './model.js';

/** Knowledge-base queries partners type, with whether the knowledge base answers them. */
const QUERIES: readonly [query: string, found: boolean][] = [
  ['deal registration', true], ['renewal quote', true], ['edge firewall ha', true], ['saml sso', true],
  ['mdf claim', true], ['nfr license', true], ['cloud gateway http2', true], ['partner tiers', true],
  ['tls inspection', true], ['co-marketing assets', true], ['identity mfa', true], ['price list', true],
  ['scim okta provisioning', false], ['firewall terraform provider', false], ['mdf deadline 2027', false],
  ['gateway arm64', false], ['deal reg api', false], ['identity passkeys', false],
];
const COMMENTS = ['Exactly what I needed.', 'Took a while, but it works now.', 'The accepted answer was out of date.', 'Quick and clear, thanks!', null, null, null];
/** Scores 1..5 as partners give them: mostly satisfied, a tail of unhappy ones. */
const SCORE_WEIGHTS = [0.05, 0.07, 0.16, 0.34, 0.38];

/**
 * Half a year of the activity the insights count besides posts and answers (CSAT answers, searches
 * and their clicks, deflections, "was this helpful"), drawn with the demo's seeded PRNG so that a
 * story shows the same figures on every run. For MemoryBackend's `insightsLog` option.
 */
export function sampleInsightsLog(data: MemoryData, seed = 15, weeks = 26): InsightsLog {
  const rng = createRng(seed);
  const log = emptyInsightsLog();
  const start = data.now - weeks * 7 * DAY;
  const at = (from: number, to: number) => Math.min(data.now - HOUR, Math.round(from + rng.next() * (to - from)));
  for (const q of data.questions) {
    const accepted = q.acceptedAnswerId ? data.answers.find((a) => a.id === q.acceptedAnswerId) : undefined;
    if (!accepted || !rng.chance(0.7)) continue;
    let r = rng.next();
    const score = 1 + SCORE_WEIGHTS.findIndex((w) => (r -= w) < 0);
    log.csat.push({ questionId: q.id, personId: q.authorId, score: score > 0 ? score : 5, comment: rng.pick(COMMENTS), at: at(accepted.createdAt + 2 * HOUR, accepted.createdAt + 30 * HOUR) });
  }
  const accepted = data.questions.filter((q) => q.acceptedAnswerId);
  for (let w = 0; w < weeks; w++) {
    const from = start + w * 7 * DAY;
    const to = from + 7 * DAY;
    // The community grows: later weeks see more searches.
    const searches = rng.int(25, 40) + w * 2;
    for (let i = 0; i < searches; i++) {
      const [query, found] = rng.pick(QUERIES);
      const id = `se-s${log.searches.length + 1}`;
      const when = at(from, to);
      log.searches.push({ id, query, results: found ? rng.int(1, 12) : 0, at: when });
      if (found && rng.chance(0.58)) log.clicks.push({ searchId: id, articleId: rng.pick(data.articles).id, position: rng.int(0, 4), at: when + rng.int(5, 90) * 1000 });
    }
    if (accepted.length) for (let i = rng.int(1, 3) + (w >> 3); i > 0; i--) log.deflections.push({ questionId: rng.pick(accepted).id, at: at(from, to) });
    for (let i = rng.int(6, 14); i > 0; i--) log.feedback.push({ helpful: rng.chance(0.78), at: at(from, to) });
  }
  return log;
}
