import { expect } from '@open-wc/testing';
import { createFixtures, MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { ISSUER_NAME } from '../../../src/demo-data/index.js';

// MemoryBackend serves the demo community that the server also seeds (test/server/community.test.ts
// checks that both show the same one): its first pages must read like a real community.

const NOW = new Date('2026-11-24T08:00:00.000Z');
const repeated = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe('the demo community in MemoryBackend', () => {
  it('holds no thread, question or article title twice', () => {
    const data = createFixtures({ now: NOW });
    for (const [label, list] of [['threads', data.threads], ['questions', data.questions], ['articles', data.articles]] as const) {
      expect(repeated(list.map((x) => x.title)), label).to.deep.equal([]);
    }
  });

  it('repeats no title on the first page of the feed, the Q&A or knowledge-base search', async () => {
    const pages: [string, string[]][] = [];
    for (const sort of ['latest', 'top', 'unanswered'] as const) {
      const b = new MemoryBackend({ now: NOW });
      pages.push([`threads ${sort}`, (await b.listThreads({ sort, limit: 20 })).items.map((t) => t.title)]);
      pages.push([`questions ${sort}`, (await b.listQuestions({ sort, limit: 20 })).items.map((q) => q.title)]);
    }
    for (const who of [null, 'u-aiko', 'u-hannah']) {
      const b = new MemoryBackend({ now: NOW, ...(who ? { me: meFor(who) } : {}) });
      for (const q of ['', 'gateway', 'identity']) {
        pages.push([`articles "${q}" for ${who ?? 'anonymous'}`, (await b.searchArticles({ q, limit: 20 })).items.map((h) => h.title)]);
      }
    }
    for (const [label, titles] of pages) {
      expect(titles.length, label).to.be.greaterThan(1);
      expect(repeated(titles), label).to.deep.equal([]);
    }
  });

  it('issues every badge in the name of the one issuer the server uses', async () => {
    const b = new MemoryBackend({ now: NOW });
    const certs = await b.listCertifications({ person: 'u-aiko' });
    expect(certs.length).to.be.greaterThan(0);
    expect(new Set(certs.map((c) => c.issuerName))).to.deep.equal(new Set([ISSUER_NAME]));
  });
});
