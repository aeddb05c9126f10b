import { expect } from '@open-wc/testing';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { AuthError, ValidationError } from '../../../src/core/errors.js';
import type { NotificationLiveEvent } from '../../../src/contract/index.js';

/** A backend signed in as `who`; `as(b, id)` switches the caller as a sign-in would. */
const signedIn = (who: string) => new MemoryBackend({ id: `mem-notify-${who}`, me: meFor(who) });
const as = (b: MemoryBackend, who: string) => b.setMe(meFor(who));
const mine = async (b: MemoryBackend, who: string) => (as(b, who), (await b.listNotifications({})).items);

describe('MemoryBackend notifications (as the server behaves)', () => {
  it('asking follows the question; an answer notifies the asker, never the answerer; accepting notifies the answerer', async () => {
    const b = signedIn('p-ava');
    const before = (await b.listNotifications({})).unread;
    const q = await b.askQuestion({ title: 'How do I renew a deal registration?', body: 'It expires next week.', category: 'deal-registration', tags: [] });
    expect((await b.listFollows()).map((f) => [f.kind, f.id, f.level])).to.deep.include(['question', q.id, 'watching']);
    as(b, 'p-ben');
    const a = await b.answerQuestion(q.id, { body: 'Open the deal and press Renew.' });
    expect((await mine(b, 'p-ben')).filter((n) => n.target.id === q.id)).to.have.length(0);
    const avas = await mine(b, 'p-ava');
    expect(avas[0]).to.deep.include({ type: 'answer', read: false, excerpt: 'Open the deal and press Renew.' });
    expect(avas[0]!.target).to.deep.equal({ kind: 'question', id: q.id, title: q.title, postId: a.id });
    expect(avas[0]!.actor.name).to.equal('Ben Okafor');
    expect((await b.listNotifications({})).unread).to.equal(before + 1);

    await b.acceptAnswer(q.id, a.id);
    const bens = (await mine(b, 'p-ben')).filter((n) => n.target.id === q.id);
    expect(bens.map((n) => n.type)).to.deep.equal(['accepted']);
    // Accepting it again is no new event.
    as(b, 'p-ava');
    await b.acceptAnswer(q.id, a.id);
    expect((await mine(b, 'p-ben')).filter((n) => n.target.id === q.id)).to.have.length(1);
  });

  it('a reply notifies the thread’s followers but not non-followers, muters or the actor', async () => {
    const b = signedIn('p-chloe');
    const t = await b.createThread({ title: 'Co-marketing funds for Q3', body: 'Who has used them?', category: 'marketing', tags: [] });
    as(b, 'p-devi');
    await b.setFollow('thread', t.id, 'muted');
    as(b, 'p-sam');
    await b.replyToThread(t.id, { body: 'We did, for a webinar.' });
    const chloes = await mine(b, 'p-chloe');
    expect(chloes.filter((n) => n.target.id === t.id).map((n) => n.type)).to.deep.equal(['reply']);
    expect((await mine(b, 'p-devi')).filter((n) => n.target.id === t.id)).to.have.length(0);
    expect((await mine(b, 'p-victor')).filter((n) => n.target.id === t.id)).to.have.length(0);
    // Sam replied, so Sam follows now; Devi's mute is kept even after Devi replies.
    as(b, 'p-devi');
    await b.replyToThread(t.id, { body: 'Muted, but still replying.' });
    expect((await b.listFollows()).find((f) => f.id === t.id)!.level).to.equal('muted');
    expect((await mine(b, 'p-sam')).filter((n) => n.target.id === t.id).map((n) => n.actor.id)).to.deep.equal(['p-devi']);
  });

  it('a new topic notifies category followers; a mention notifies once; "off" silences a type', async () => {
    const b = signedIn('p-ben');
    await b.setFollow('category', 'technical', 'watching');
    as(b, 'p-chloe');
    await b.setPreferences({ mention: 'off' });
    as(b, 'p-ava');
    const t = await b.createThread({ title: 'Firewall firmware 7.2 rollout', body: 'Heads-up @[Devi Raman](p-devi) and @[Chloe Martin](p-chloe), and again @[Devi](p-devi).', category: 'technical', tags: [] });
    expect((await mine(b, 'p-ben')).filter((n) => n.target.id === t.id).map((n) => n.type)).to.deep.equal(['new_topic']);
    expect((await mine(b, 'p-devi')).filter((n) => n.target.id === t.id).map((n) => n.type)).to.deep.equal(['mention']);
    expect((await mine(b, 'p-chloe')).filter((n) => n.target.id === t.id)).to.have.length(0);
  });

  it('delivers live events only to the partner who subscribed, with the unread count', async () => {
    const b = signedIn('p-ava');
    const heard: NotificationLiveEvent[] = [];
    const stop = new AbortController();
    b.subscribeNotifications((e) => heard.push(e), stop.signal);
    const q = await b.askQuestion({ title: 'Where is the MDF claim form?', body: 'Cannot find it.', category: 'partner-program', tags: [] });
    as(b, 'p-ben');
    await b.answerQuestion(q.id, { body: 'Under Marketing > Funds.' });
    expect(heard).to.have.length(1);
    expect(heard[0]!.notification.type).to.equal('answer');
    as(b, 'p-ava');
    expect(heard[0]!.unread).to.equal((await b.listNotifications({})).unread);
    stop.abort();
    expect(b.notificationSubscribers).to.equal(0);
  });

  it('refuses anonymous calls with 401 and bad input with a ValidationError', async () => {
    const b = new MemoryBackend({ id: 'mem-notify-anon' });
    for (const call of [() => b.listNotifications({}), () => b.listFollows(), () => b.getPreferences(), () => b.searchPeople('a'), () => b.markNotificationsRead({ all: true })]) {
      const e = await call().then(() => null, (x: unknown) => x);
      expect(e).to.be.instanceOf(AuthError);
      expect((e as AuthError).status).to.equal(401);
    }
    as(b, 'p-ava');
    const bad = await b.setPreferences({ reply: 'sometimes' as 'off' }).then(() => null, (x: unknown) => x);
    expect(bad).to.be.instanceOf(ValidationError);
    const badRead = await b.markNotificationsRead({ ids: [] }).then(() => null, (x: unknown) => x);
    expect(badRead).to.be.instanceOf(ValidationError);
  });

  it('suggests people by the start of a name, within visibility, never the caller', async () => {
    const b = signedIn('p-ava');
    const names = (await b.searchPeople('ha')).map((p) => p.name);
    expect(names).to.include('Hannah Schmidt');
    expect((await b.searchPeople('ava')).map((p) => p.id)).not.to.include('p-ava');
    // Staff see everyone; a partner sees fewer (not other organisations' silent members).
    const partner = (await b.searchPeople('a')).map((p) => p.id);
    as(b, 'p-morgan');
    const staff = (await b.searchPeople('a')).map((p) => p.id);
    expect(staff.length).to.be.greaterThan(0);
    for (const id of partner.filter((x) => x !== 'p-morgan')) expect(staff.concat('p-ava')).to.include(id);
  });
});
