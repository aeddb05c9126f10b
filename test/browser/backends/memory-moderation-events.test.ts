// MemoryBackend's live events follow the server's stream: moderation events (`flag.created`,
// `content.held`, `content.hidden`) only to subscribers who moderate, and a held item approved by a
// moderator is announced then with its `*.created` event, so live feeds pick it up.
import { expect } from '@open-wc/testing';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import type { LiveEvent } from '../../../src/contract/index.js';

let n = 0;
/** A subscription opened while `who` is signed in; `events` fills as they arrive. */
function listen(b: MemoryBackend, who: string) {
  b.setMe(meFor(who));
  const events: LiveEvent[] = [];
  const ac = new AbortController();
  b.subscribe((e) => events.push(e), ac.signal);
  return { events, types: () => events.map((e) => `${e.type} ${e.id}`), stop: () => ac.abort() };
}

describe('MemoryBackend live moderation events', () => {
  it('sends flag.created, content.held and content.hidden to moderators and staff only', async () => {
    const b = new MemoryBackend({ id: `mem-mod-events-${++n}`, me: meFor('p-victor') });
    await b.putWatchedWords({ items: [{ pattern: 'casino', action: 'hold' }] });
    const partner = listen(b, 'p-ben');
    const moderator = listen(b, 'p-morgan');
    const staff = listen(b, 'p-victor');
    b.setMe(meFor('p-ava'));
    const held = await b.createThread({ title: 'Casino night', body: 'x', category: 'technical', tags: [] });
    const open = await b.createThread({ title: 'Open thread', body: 'x', category: 'technical', tags: [] });
    b.setMe(meFor('p-ben'));
    await b.createFlag({ target: { kind: 'thread', id: open.id }, reason: 'spam' });
    b.setMe(meFor('p-morgan'));
    await b.moderationAction({ target: { kind: 'thread', id: open.id }, action: 'hide' });
    const moderation = [`content.held ${held.id}`, `flag.created ${open.id}`, `content.hidden ${open.id}`];
    expect(moderator.types().filter((t) => !t.startsWith('thread.'))).to.deep.equal(moderation);
    expect(staff.types().filter((t) => !t.startsWith('thread.'))).to.deep.equal(moderation);
    expect(partner.types()).to.deep.equal([`thread.created ${open.id}`]);
    [partner, moderator, staff].forEach((s) => s.stop());
  });

  it('announces a held thread and a held reply with *.created when approved, not before', async () => {
    const b = new MemoryBackend({ id: `mem-mod-events-${++n}`, me: meFor('p-victor') });
    await b.putWatchedWords({ items: [{ pattern: 'crypto', action: 'hold' }] });
    const feed = listen(b, 'p-ben');
    b.setMe(meFor('p-ava'));
    const thread = await b.createThread({ title: 'Crypto wallets', body: 'x', category: 'technical', tags: [] });
    const open = b.data.threads[0]!;
    const reply = await b.replyToThread(open.id, { body: 'crypto again' });
    expect(feed.types()).to.deep.equal([]);
    b.setMe(meFor('p-morgan'));
    await b.moderationAction({ target: { kind: 'thread', id: thread.id }, action: 'approve' });
    await b.moderationAction({ target: { kind: 'post', id: reply.id }, action: 'approve' });
    expect(feed.events.map((e) => [e.type, e.id, e.parentId, e.category])).to.deep.equal([
      ['thread.created', thread.id, null, 'technical'],
      ['post.created', reply.id, open.id, open.category],
    ]);
    // Approving again (already published) announces nothing twice.
    await b.moderationAction({ target: { kind: 'thread', id: thread.id }, action: 'approve' });
    expect(feed.events).to.have.length(2);
    feed.stop();
  });
});
