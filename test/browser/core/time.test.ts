import { expect } from '@open-wc/testing';
import { absoluteTime, relativeTime } from '../../../src/core/time.js';

describe('time', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('formats relative times with numeric: auto', () => {
    expect(relativeTime(new Date('2026-03-10T11:59:50Z'), 'en', now)).to.equal('now');
    expect(relativeTime(new Date('2026-03-10T11:57:00Z'), 'en', now)).to.equal('3 minutes ago');
    expect(relativeTime('2026-03-09T12:00:00Z', 'en', now)).to.equal('yesterday');
    expect(relativeTime('2026-03-12T12:00:00Z', 'en', now)).to.equal('in 2 days');
    expect(relativeTime('2025-03-10T12:00:00Z', 'de', now)).to.equal('letztes Jahr');
  });
  it('formats absolute times and survives bad input', () => {
    expect(absoluteTime(now, 'en')).to.contain('2026');
    expect(absoluteTime('nope', 'en')).to.equal('');
    expect(relativeTime('nope', 'en', now)).to.equal('');
    expect(relativeTime(now, 'not a locale!!', now)).to.equal('now');
    // A tag Intl refuses reads as English, for both kinds, also once its formatter is cached.
    for (let i = 0; i < 2; i++) {
      expect(absoluteTime(now, 'not a locale!!')).to.equal(absoluteTime(now, 'en'));
      expect(relativeTime('2026-03-09T12:00:00Z', 'not a locale!!', now)).to.equal('yesterday');
    }
  });
  it('keeps one formatter per kind and locale: German and English answers do not mix', () => {
    expect(relativeTime('2026-03-09T12:00:00Z', 'de', now)).to.equal('gestern');
    expect(relativeTime('2026-03-09T12:00:00Z', 'en', now)).to.equal('yesterday');
    expect(absoluteTime(now, 'de')).to.not.equal(absoluteTime(now, 'en'));
    expect(relativeTime('2026-03-09T12:00:00Z', 'de', now)).to.equal('gestern');
  });
});
