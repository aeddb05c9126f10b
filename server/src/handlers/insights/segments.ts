// The byTier / byOrg / byCategory / byProduct tables: each key's question, CSAT and deflection figures
// side by side, current and previous, ordered by questions asked in the current period.
import { categoryLabel, type InsightsSegment } from '../../../../src/contract/index.js';
import { compare, rate } from './numbers.js';
import { CUTS, type Cut, type CutValues, type QuestionStats } from './questions.js';
import type { CsatStats } from './satisfaction.js';

export function segments(
  questions: CutValues<QuestionStats>, csat: CutValues<CsatStats>, deflections: CutValues<number>, orgNames: Map<string, string>,
): Record<Cut, InsightsSegment[]> {
  const out = {} as Record<Cut, InsightsSegment[]>;
  for (const cut of CUTS) {
    const keys = new Set([...questions[cut].keys(), ...csat[cut].keys(), ...deflections[cut].keys()]);
    out[cut] = [...keys].map((key) => {
      const qs = questions[cut].get(key) ?? {};
      const cs = csat[cut].get(key) ?? {};
      const ds = deflections[cut].get(key) ?? {};
      return {
        key,
        label: cut === 'org' ? orgNames.get(key) ?? key : cut === 'category' ? categoryLabel(key) : key,
        questions: compare(qs.cur?.asked ?? 0, qs.prev?.asked ?? 0),
        medianHoursToFirstAnswer: compare(qs.cur?.median ?? null, qs.prev?.median ?? null),
        resolutionRate: compare(rate(qs.cur?.resolved, qs.cur?.asked), rate(qs.prev?.resolved, qs.prev?.asked)),
        csat: compare(cs.cur?.average ?? null, cs.prev?.average ?? null),
        deflections: compare(ds.cur ?? 0, ds.prev ?? 0),
      };
    }).sort((a, b) => (b.questions.current ?? 0) - (a.questions.current ?? 0) || a.key.localeCompare(b.key));
  }
  return out;
}
