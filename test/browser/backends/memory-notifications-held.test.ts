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

/** Held content of one kind: what is written, who hears what once it is approved, and a second decision that is no news. */
interface HeldCase {
  kind: 'thread' | 'answer';
  name: string;
  /** Writes the held item (as whoever writes it); returns the topic notifications name and the item's id. */
  write(b: MemoryBackend): Promise<{ topic: string; id: string }>;
  /** Who hears what about the topic once a moderator approved it: nobody hears anything before. */
  heard: Record<string, string[]>;
  /** A second moderation decision after the approval, which must not notify again. */
  decideAgain(b: MemoryBackend, id: string): Promise<void>;
}

const HELD: HeldCase[] = [
  {
    kind: 'thread',
    name: 'a held topic notifies neither category watchers nor mentioned people until a moderator approves it; approving again is no news',
    async write(b) {
      as(b, 'p-ava');
      const t = await b.createThread({ title: 'A crypto wallet integration', body: 'Thoughts, @[Devi Raman](p-devi)?', category: 'technical', tags: [] });
      expect(t.status).to.equal('held');
      // The author follows their own topic at once, held or not.
      expect((await b.listFollows()).map((f) => f.id)).to.include(t.id);
      return { topic: t.id, id: t.id };
    },
    // Announced on approval, with the author (not the moderator) as the actor.
    heard: { 'p-ben': ['new_topic by p-ava'], 'p-devi': ['mention by p-ava'] },
    decideAgain: (b, id) => approve(b, 'thread', id),
  },
  {
    kind: 'answer',
    name: 'a held answer does not reach the asker until approved; a hidden answer approved again notifies no second time',
    async write(b) {
      as(b, 'p-ava');
      const q = await b.askQuestion({ title: 'How do I renew a deal registration?', body: 'It expires next week.', category: 'deal-registration', tags: [] });
      as(b, 'p-ben');
      const a = await b.answerQuestion(q.id, { body: 'Pay for it in crypto.' });
      expect(a.status).to.equal('held');
      return { topic: q.id, id: a.id };
    },
    heard: { 'p-ava': ['answer by p-ben'] },
    async decideAgain(b, id) {
      as(b, 'p-victor');
      await b.moderationAction({ action: 'hide', target: { kind: 'answer', id } });
      await approve(b, 'answer', id);
    },
  },
];

describe('MemoryBackend notifications and moderation', () => {
  for (const c of HELD) {
    it(c.name, async () => {
      const b = await heldWordBackend();
      const { topic, id } = await c.write(b);
      for (const who of Object.keys(c.heard)) expect(await heard(b, who, topic), `${who} before approval`).to.deep.equal([]);
      await approve(b, c.kind, id);
      for (const [who, expected] of Object.entries(c.heard)) expect(await heard(b, who, topic), `${who} after approval`).to.deep.equal(expected);
      await c.decideAgain(b, id);
      for (const [who, expected] of Object.entries(c.heard)) expect(await heard(b, who, topic), `${who} after a second decision`).to.deep.equal(expected);
    });
  }

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
