import { expect } from '@open-wc/testing';
import { loadOnce } from '../../../src/core/load-once.js';

describe('loadOnce', () => {
  it('shares one load between callers, and loads again after a failure', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return `chunk ${calls}`;
    });
    const [a, b] = await Promise.allSettled([load(), load()]);
    expect([a.status, b.status]).to.deep.equal(['rejected', 'rejected']);
    expect(calls).to.equal(1);
    expect(await load()).to.equal('chunk 2');
    expect(await load()).to.equal('chunk 2');
    expect(calls).to.equal(2);
  });
});
