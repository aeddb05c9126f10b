import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { ThreadPage, describeIssues } from '../../src/contract/index.js';

describe('contract', () => {
  it('names the path of a wrong-shaped field', () => {
    const r = v.safeParse(ThreadPage, { items: [{ id: 'x', title: 3 }], nextCursor: null });
    expect(r.success).to.equal(false);
    expect(describeIssues(r.issues!)[0]).to.deep.equal({ path: 'items[0].title', message: 'expected string, got 3' });
  });
});
