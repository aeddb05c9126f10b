// MemoryBackend behaves as the server's `publishedOnly` gate: content held by a watched word (or written
// in a held thread or question) notifies nobody, and a held item approved by a moderator notifies then.
import { expect } from '@open-wc/testing';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';

let n = 0;
/** A fresh backend where the word "crypto" holds content for review; Ben watches the `technical` category. */
async function heldWordBackend() {
  const b = new MemoryBackend({ id: `mem-notify-held-${++n}`, me: meFor('p-victor') });
  await b.putWatchedWords({ items: [{ pattern: 'crypto', action: 'hold' }] });
  as(b, 'p-ben');
  await b.setFollow('category', 'technical', 'watching');
  return b;
}
const as = (b: MemoryBackend, who: string) => b.setMe(meFor(who));
/** What `who` was notified of about `targetId`, as `type by actor`. */
async function heard(b: MemoryBackend, who: string, targetId: string) {
  as(b, who);
  return (await b.listNotifications({})).items.filter((x) => x.target.id === targetId).map((x) => `${x.type} by ${x.actor.id}`);
}
async function approve(b: MemoryBackend, kind: 'thread' | 'post' | 'question' | 'answer', id: string) {
  as(b, 'p-victor');
  await b.moderationAction({ action: 'approve', target: { kind, id } });
}

describe('MemoryBackend notifications and moderation', () => {
  it('a held topic notifies neither category watchers nor mentioned people until a moderator approves it', async () => {
    const b = await heldWordBackend();
    as(b, 'p-ava');
    const t = await b.createThread({ title: 'A crypto wallet integration', body: 'Thoughts, @[Devi Raman](p-devi)?', category: 'technical', tags: [] });
    expect(t.status).to.equal('held');
    expect(await heard(b, 'p-ben', t.id)).to.deep.equal([]);
    expect(await heard(b, 'p-devi', t.id)).to.deep.equal([]);
    // The author follows their own topic at once, held or not.
    as(b, 'p-ava');
    expect((await b.listFollows()).map((f) => f.id)).to.include(t.id);

    await approve(b, 'thread', t.id);
    // Announced on approval, with the author (not the moderator) as the actor.
    expect(await heard(b, 'p-ben', t.id)).to.deep.equal(['new_topic by p-ava']);
    expect(await heard(b, 'p-devi', t.id)).to.deep.equal(['mention by p-ava']);
    // Approving again is no news.
    await approve(b, 'thread', t.id);
    expect(await heard(b, 'p-ben', t.id)).to.deep.equal(['new_topic by p-ava']);
  });

  it('a held answer does not reach the asker until approved; a hidden answer approved again notifies no second time', async () => {
    const b = await heldWordBackend();
    as(b, 'p-ava');
    const q = await b.askQuestion({ title: 'How do I renew a deal registration?', body: 'It expires next week.', category: 'deal-registration', tags: [] });
    as(b, 'p-ben');
    const a = await b.answerQuestion(q.id, { body: 'Pay for it in crypto.' });
    expect(a.status).to.equal('held');
    expect(await heard(b, 'p-ava', q.id)).to.deep.equal([]);
    await approve(b, 'answer', a.id);
    expect(await heard(b, 'p-ava', q.id)).to.deep.equal(['answer by p-ben']);

    as(b, 'p-victor');
    await b.moderationAction({ action: 'hide', target: { kind: 'answer', id: a.id } });
    await approve(b, 'answer', a.id);
    expect(await heard(b, 'p-ava', q.id)).to.deep.equal(['answer by p-ben']);
  });

  it('a published reply inside a held thread notifies nobody, not even people it mentions', async () => {
    const b = await heldWordBackend();
    as(b, 'p-ava');
    const t = await b.createThread({ title: 'Crypto payouts for partners', body: 'Is this allowed?', category: 'technical', tags: [] });
    as(b, 'p-victor');
    const reply = await b.replyToThread(t.id, { body: 'Looking into it, @[Devi Raman](p-devi).' });
    expect(reply.status).to.equal('published');
    expect(await heard(b, 'p-ava', t.id)).to.deep.equal([]);
    expect(await heard(b, 'p-devi', t.id)).to.deep.equal([]);
  });
});
