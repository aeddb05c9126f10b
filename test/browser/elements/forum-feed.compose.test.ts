import { aTimeout, expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { levelHeadings } from '../../../src/elements/forum-feed/parts/headings.js';
import { $, $$, mountFeed, resetAll, rows, titles, until } from './forum-feed.helpers.js';

const XSS = '<img src=x onerror="window.__pwned=1">';
const pwned = () => (window as { __pwned?: unknown }).__pwned;

describe('<confab-forum-feed> new thread', function () {
  // Real keyboard input and IndexedDB are slow when several test files share the machine.
  this.timeout(30000);
  beforeEach(resetAll);

  it('signed out: "New thread" fires confab-auth-required and opens no form', async () => {
    const el = await mountFeed(new MemoryBackend(), { compose: true, 'page-size': '3' });
    await until(() => rows(el).length === 3);
    await el.updateComplete;
    const ev = oneEvent(el, 'confab-auth-required');
    $<HTMLButtonElement>(el, '[part~=new-thread]').click();
    expect((await ev).detail.action).to.equal('create-thread');
    await el.updateComplete;
    expect($(el, 'form.new-thread')).to.equal(null);
  });

  it('signed in: validates before submit, then posts the thread and lists it', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mountFeed(backend, { compose: true, category: 'technical', 'page-size': '5' });
    await until(() => rows(el).length === 5);
    $<HTMLButtonElement>(el, '[part~=new-thread]').click();
    await until(() => el.shadowRoot!.activeElement?.id === 'nt-title', 'focus on the title field');
    expect($<HTMLInputElement>(el, '#nt-category').value).to.equal('technical');
    $<HTMLButtonElement>(el, 'form.new-thread [part~=submit]').click();
    await until(() => $(el, '#nt-title-error'));
    expect($(el, '#nt-title-error').textContent).to.contain('at least 3 characters');
    expect($(el, '#nt-body-error').textContent).to.contain('Write something');
    expect($(el, '#nt-title').getAttribute('aria-invalid')).to.equal('true');
    expect(backend.calls('createThread')).to.equal(0);
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'SAML assertion rejected after upgrade' });
    $<HTMLTextAreaElement>(el, '#nt-body').focus();
    await sendKeys({ type: 'Since 4.2 our IdP assertions fail with `clock skew`.' });
    $<HTMLInputElement>(el, '#nt-tags').focus();
    await sendKeys({ type: 'sso, saml, a, b, c, d' });
    $<HTMLButtonElement>(el, 'form.new-thread [part~=submit]').click();
    await until(() => $(el, '#nt-tags-error'));
    expect($(el, '#nt-tags-error').textContent).to.contain('at most 5');
    const tags = $<HTMLInputElement>(el, '#nt-tags');
    tags.value = 'sso, saml';
    tags.dispatchEvent(new Event('input'));
    await sendKeys({ press: 'Control+Enter' });
    await until(() => backend.calls('createThread') === 1);
    await until(() => titles(el)[0] === 'SAML assertion rejected after upgrade', 'listed first');
    expect($(el, 'form.new-thread')).to.equal(null);
    const created = backend.data.threads.at(-1)!;
    expect(created).to.include({ category: 'technical', title: 'SAML assertion rejected after upgrade' });
    expect(created.tags).to.deep.equal(['sso', 'saml']);
    await until(() => $(el, '[role=status]').textContent!.includes('Thread posted'));
  });

  it('Escape closes the form, focus returns to "New thread", and the draft is there when it reopens', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mountFeed(backend, { compose: true, 'page-size': '3' });
    await until(() => rows(el).length === 3);
    $<HTMLButtonElement>(el, '[part~=new-thread]').click();
    await until(() => el.shadowRoot!.activeElement?.id === 'nt-title');
    await sendKeys({ type: 'Half-written title' });
    await sendKeys({ press: 'Escape' });
    await until(() => el.shadowRoot!.activeElement === $(el, '[part~=new-thread]'), 'focus back on the button');
    expect($(el, 'form.new-thread')).to.equal(null);
    await aTimeout(100);
    $<HTMLButtonElement>(el, '[part~=new-thread]').click();
    await until(() => $<HTMLInputElement>(el, '#nt-title')?.value === 'Half-written title', 'draft restored');
  });

  it('offline: the new thread is pending, then posted once when online', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mountFeed(backend, { compose: true, 'page-size': '5' });
    await until(() => rows(el).length === 5);
    const before = backend.data.threads.length;
    $<HTMLButtonElement>(el, '[part~=new-thread]').click();
    await until(() => $(el, '#nt-title'));
    backend.setOnline(false);
    const set = (id: string, v: string) => {
      const f = $<HTMLInputElement>(el, id);
      f.value = v;
      f.dispatchEvent(new Event('input'));
    };
    set('#nt-title', 'Offline thread title');
    set('#nt-body', 'Body written offline');
    set('#nt-category', 'marketing');
    $<HTMLButtonElement>(el, 'form.new-thread [part~=submit]').click();
    await until(() => $(el, '[part~=pending-item]'), 'pending thread');
    expect($(el, '[part~=pending-item]').textContent).to.contain('Offline thread title');
    backend.setOnline(true);
    window.dispatchEvent(new Event('online'));
    await until(() => !$(el, '[part~=pending-item]'), 'sent');
    await until(() => titles(el).includes('Offline thread title'));
    await aTimeout(100);
    expect(backend.data.threads.length).to.equal(before + 1);
  });
});

describe('<confab-forum-feed> live', function () {
  // Real keyboard input and IndexedDB are slow when several test files share the machine.
  this.timeout(30000);
  beforeEach(resetAll);

  it('announces new threads in a banner without moving the list; the banner loads them', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { live: true, 'page-size': '5' });
    await until(() => rows(el).length === 5);
    await el.updateComplete;
    const firstTop = rows(el)[0]!.getBoundingClientRect().top;
    const firstTitle = titles(el)[0];
    backend.setMe(meFor('u-lars'));
    await backend.createThread({ title: 'Fresh from the event stream', body: 'Hello', category: 'technical' });
    // Two threads created in the same millisecond tie on lastActivityAt and then sort by id, oldest
    // first: let the clock tick so that "newest first" below is well defined.
    const first = backend.now();
    await until(() => backend.now() > first, 'the clock ticks');
    await backend.createThread({ title: 'Another new one', body: 'Hello', category: 'marketing' });
    await until(() => $(el, '[part~=banner]'), 'banner');
    expect($(el, '[part~=banner]').textContent!.trim()).to.equal('2 new threads');
    expect(rows(el)[0]!.getBoundingClientRect().top).to.equal(firstTop);
    expect(titles(el)[0]).to.equal(firstTitle);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~=banner]').click();
    await until(() => titles(el)[0] === 'Another new one', 'loaded');
    expect(titles(el)[1]).to.equal('Fresh from the event stream');
    expect($(el, '[part~=banner]')).to.equal(null);
    await until(() => $(el, '[role=status]').textContent!.includes('threads loaded'));
  });

  it('counts replies posted meanwhile on their rows, without moving the list', async () => {
    const backend = new MemoryBackend({ me: meFor('u-lars') });
    const el = await mountFeed(backend, { live: true, 'page-size': '5' });
    await until(() => rows(el).length === 5);
    await until(() => (el as unknown as { newThreads?: unknown }).newThreads, 'live part loaded');
    const third = rows(el)[2]!;
    const id = third.dataset.id!;
    const count = () => Number($(el, `article[data-id="${id}"] .replies`).textContent!.replace(/\D/g, ''));
    const before = count();
    const order = titles(el);
    await backend.replyToThread(id, { body: 'First live reply' });
    await backend.replyToThread(id, { body: 'Second live reply' });
    await until(() => count() === before + 2, 'both replies counted');
    expect(titles(el)).to.deep.equal(order);
    // A refreshed list carries the server's count: the live bumps are not added twice.
    await (el as unknown as { list: { refresh(): Promise<void> } }).list.refresh();
    await el.updateComplete;
    expect(count()).to.equal(before + 2);
  });

  it('the live part adopts the subscription the feed opened at its first update: one subscribe, no gap', async () => {
    const backend = new MemoryBackend({ me: meFor('u-lars') });
    let subscribes = 0;
    const subscribe = backend.subscribe.bind(backend);
    backend.subscribe = (...args: Parameters<typeof subscribe>) => (subscribes++, subscribe(...args));
    const el = await mountFeed(backend, { live: true, 'page-size': '3' });
    await until(() => rows(el).length === 3);
    await until(() => (el as unknown as { newThreads?: unknown }).newThreads, 'live part loaded');
    await backend.createThread({ title: 'After the hand-over', body: 'x', category: 'technical' });
    await until(() => $(el, '[part~=banner]'), 'banner');
    expect(subscribes).to.equal(1);
    expect(backend.liveSubscribers).to.equal(1);
  });

  it('counts only threads of its category', async () => {
    const backend = new MemoryBackend({ me: meFor('u-lars') });
    const el = await mountFeed(backend, { live: true, category: 'technical', 'page-size': '3' });
    await until(() => rows(el).length === 3);
    await backend.createThread({ title: 'Not for this feed', body: 'x', category: 'marketing' });
    await backend.createThread({ title: 'For this feed', body: 'x', category: 'technical' });
    await until(() => $(el, '[part~=banner]'));
    expect($(el, '[part~=banner]').textContent!.trim()).to.equal('1 new thread');
  });

  it('stops listening when disconnected', async () => {
    const backend = new MemoryBackend({ me: meFor('u-lars') });
    const el = await mountFeed(backend, { live: true, 'page-size': '3' });
    await until(() => rows(el).length === 3);
    el.remove();
    expect(backend.liveSubscribers).to.equal(0);
  });
});

describe('<confab-forum-feed> content safety', function () {
  // Real keyboard input and IndexedDB are slow when several test files share the machine.
  this.timeout(30000);
  beforeEach(resetAll);

  it('markup in titles, excerpts, names, orgs, tags and bodies never executes; titles show as literal text', async () => {
    const backend = new MemoryBackend();
    const top = (await backend.listThreads({ limit: 1 })).items[0]!;
    const t = backend.data.threads.find((x) => x.id === top.id)!;
    t.title = `Hello ${XSS}<script>window.__pwned=2</script>`;
    t.tags = [XSS, '<b>bold</b>'];
    t.body = `Body ${XSS}\n\n<script>window.__pwned=3</script>\n\n[click](javascript:window.__pwned=4) <svg onload="window.__pwned=5">`;
    const person = backend.data.people.find((p) => p.id === t.authorId)!;
    person.name = `Eve ${XSS}`;
    const org = backend.data.orgs.find((o) => o.id === person.orgId);
    if (org) org.name = `<iframe src="javascript:window.__pwned=6">`;
    const post = backend.data.posts.find((p) => p.threadId === t.id);
    if (post) post.body = `reply ${XSS} <a href="javascript:window.__pwned=7">x</a>`;
    else backend.data.posts.push({ id: 'po-x', threadId: t.id, authorId: t.authorId, body: `reply ${XSS}`, createdAt: Date.now(), editedAt: null });
    const el = await mountFeed(backend, { 'page-size': '3' });
    await until(() => rows(el)[0]?.querySelector('.title')!.textContent!.trim() === t.title, 'fresh rows, title as literal text');
    const row = rows(el)[0]!;
    expect(row.querySelector('.author')!.textContent).to.equal(person.name);
    expect([...row.querySelectorAll('.tags li')].map((li) => li.textContent)).to.deep.equal(t.tags);
    expect(el.shadowRoot!.querySelector('img:not(.avatar img), script, iframe, svg, b')).to.equal(null);
    row.querySelector<HTMLButtonElement>('.title-link')!.click();
    await until(() => $(el, '.thread-body p'), 'markdown rendered');
    await until(() => $$(el, 'li.post .prose p').length > 0);
    await aTimeout(100);
    const root = el.shadowRoot!;
    expect(root.querySelector('script, iframe, svg, [onerror], [onload]')).to.equal(null);
    expect([...root.querySelectorAll('a[href]')].filter((a) => /^javascript:/i.test(a.getAttribute('href')!))).to.have.length(0);
    expect($(el, '#thread-heading').textContent).to.equal(t.title);
    expect(pwned()).to.equal(undefined);
    // No request left the page for the injected image.
    expect(performance.getEntriesByType('resource').filter((r) => /\/x$/.test(r.name))).to.have.length(0);
  });

  it('levels Markdown headings under the thread heading, leaving code alone', () => {
    expect(levelHeadings('### Details\n\ntext\n\n#### More')).to.equal('## Details\n\ntext\n\n### More');
    expect(levelHeadings('```\n# not a heading\n```\n# Title')).to.equal('```\n# not a heading\n```\n## Title');
    expect(levelHeadings('no headings')).to.equal('no headings');
  });
});
