// Issue 17: every element follows identity changes at runtime, without a reload. A portal signs a
// partner in, out, or switches partner by handing Confab a new `configure({ getToken })` (the demo's
// "Sign in as" does exactly that); a provider may also be handed another client. Each test changes
// who is signed in on a live element and checks that what it shows follows, both ways.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitFor } from '../core/wait.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import type { ArticleHit, ArticleSearchResult, Me } from '../../../src/contract/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _clearMemoryCacheForTests, readCache } from '../../../src/core/cache.js';
import { runtimeBackendId } from '../../../src/core/backend-id.js';
import { _resetIdentityForTests } from '../../../src/core/identity.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/provider/define.js';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/forum-feed/define.js';
import '../../../src/elements/cert-badge/define.js';
import '../../../src/elements/article-search/define.js';
import type { ConfabProvider } from '../../../src/core/provider.js';

let n = 0;
/** A backend of its own per test (its own id, so no cached `me` of another test is ever seen). */
function memory(me: Me | null = null): MemoryBackend {
  return new MemoryBackend({ id: `identity-switch-${++n}-${Date.now()}`, me: me && me.authenticated ? me : undefined });
}

/**
 * What the portal does on sign-in, sign-out or partner switch: the backend (standing in for the
 * server) now answers as `who`, and a new token provider tells Confab that the partner changed.
 */
function signInAs(b: MemoryBackend, who: string | null): void {
  b.setMe(who ? meFor(who) : null);
  configure({ getToken: () => (who ? `token-for-${who}` : null) });
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

afterEach(() => {
  _resetConfigForTests();
  _resetIdentityForTests();
  _resetResourcesForTests();
  _clearMemoryCacheForTests();
});

describe('elements follow sign-in, sign-out and partner switches without a reload', () => {
  it('<confab-qa-box>: "Sign in to ask" becomes the ask form as the partner, for the next partner, and back', async () => {
    const b = memory();
    configure({ backend: b, getToken: () => null });
    const el = await fixture(html`<confab-qa-box></confab-qa-box>`);
    await waitFor(() => text(el, '[part~=submit]') === 'Sign in to ask', 'signed out first');
    signInAs(b, 'u-aiko');
    await waitFor(() => text(el, '.actions').includes('Posting as Aiko Tanaka'), 'signed in as Aiko');
    expect($(el, '[part=signed-out]')).to.equal(null);
    signInAs(b, 'u-lars');
    await waitFor(() => text(el, '.actions').includes('Posting as Lars Øvergaard'), 'switched to Lars');
    expect(text(el, '.actions')).not.to.include('Aiko');
    signInAs(b, null);
    await waitFor(() => text(el, '[part~=submit]') === 'Sign in to ask', 'signed out again');
    expect(text(el, '.actions')).not.to.include('Posting as');
  });

  it('<confab-qa-box> in a provider: handed another client (partner A to partner B), it shows partner B', async () => {
    const id = `identity-provider-${Date.now()}`;
    const a = new MemoryBackend({ id, me: meFor('u-aiko') });
    const provider = await fixture<ConfabProvider>(html`<confab-provider .backend=${a}><confab-qa-box></confab-qa-box></confab-provider>`);
    const el = provider.querySelector('confab-qa-box')!;
    await waitFor(() => text(el, '.actions').includes('Posting as Aiko Tanaka'), 'Aiko first');
    // Same backend id (same server), another partner's client: only the object changes.
    provider.backend = new MemoryBackend({ id, me: meFor('u-maria') });
    await waitFor(() => text(el, '.actions').includes('Posting as María José Fernández'), 'María after the switch');
    provider.backend = new MemoryBackend({ id });
    await waitFor(() => text(el, '[part~=submit]') === 'Sign in to ask', 'signed out client');
  });

  it('without getToken (one anonymous cache partition), partner B never sees partner A’s cached identity (qa-box; cert-badge caches `me` the same way)', async () => {
    // A provider handed one client per partner, or a cookie session: no token names the partner, so
    // `me` must not be served from the cache shared by everyone. Every frame is watched while B's
    // slow `me` is on its way.
    const id = `identity-anon-${Date.now()}`;
    const a = new MemoryBackend({ id, me: meFor('u-aiko') });
    const provider = await fixture<ConfabProvider>(html`<confab-provider .backend=${a}>
      <confab-qa-box></confab-qa-box></confab-provider>`);
    const box = provider.querySelector('confab-qa-box')!;
    await waitFor(() => text(box, '.actions').includes('Posting as Aiko Tanaka'), 'Aiko first');
    const seen: string[] = [];
    let watching = true;
    const watch = () => {
      if (!watching) return;
      seen.push(text(box, '.actions'));
      requestAnimationFrame(watch);
    };
    provider.backend = new MemoryBackend({ id, me: meFor('u-maria'), latency: 400 });
    requestAnimationFrame(watch);
    await waitFor(() => text(box, '.actions').includes('Posting as María José Fernández'), 'María after the switch');
    watching = false;
    expect(seen.length).to.be.greaterThan(3);
    expect(seen.filter((t) => t.includes('Aiko'))).to.deep.equal([]);
  });

  /** A backend whose `me` answers only once the test releases it: what shows before that came from the cache. */
  function gatedMe(b: MemoryBackend): () => void {
    const answer = b.me.bind(b);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    b.me = async (opts) => {
      await gate;
      return answer(opts);
    };
    return release;
  }

  it('with a getToken that gives no token, "nobody is signed in" is cached: the return shows "Sign in to ask" before `me` answers', async () => {
    const id = `identity-nobody-${Date.now()}`;
    const key = `anon|${id}|me`;
    configure({ getToken: () => null });
    const first = await fixture<ConfabProvider>(html`<confab-provider .backend=${new MemoryBackend({ id })}><confab-qa-box></confab-qa-box></confab-provider>`);
    await waitFor(() => text(first.querySelector('confab-qa-box')!, '[part~=submit]') === 'Sign in to ask', 'signed out');
    expect(runtimeBackendId(new MemoryBackend({ id }))).to.equal(id);
    // In IndexedDB (not only in memory), then the memory layer dropped, as a reload would.
    await waitFor(async () => (await readCache<Me>(key))?.value.authenticated === false, 'the signed-out answer in the cache');
    _clearMemoryCacheForTests();
    first.remove();
    // The return visit: `me` has not answered, and the signed-out state is on screen from the cache.
    const back = new MemoryBackend({ id });
    const release = gatedMe(back);
    const again = await fixture<ConfabProvider>(html`<confab-provider .backend=${back}><confab-qa-box></confab-qa-box></confab-provider>`);
    await waitFor(() => text(again.querySelector('confab-qa-box')!, '[part~=submit]') === 'Sign in to ask', 'signed out from the cache');
    release();
    again.remove();
  });

  it('without getToken (a cookie session), no "nobody is signed in" is cached: every partner shares that partition, so a signed-in one is never shown "Sign in" first', async () => {
    const id = `identity-cookie-${Date.now()}`;
    const first = await fixture<ConfabProvider>(html`<confab-provider .backend=${new MemoryBackend({ id })}><confab-qa-box></confab-qa-box></confab-provider>`);
    await waitFor(() => text(first.querySelector('confab-qa-box')!, '[part~=submit]') === 'Sign in to ask', 'signed out');
    first.remove();
    _clearMemoryCacheForTests();
    expect(await readCache<Me>(`anon|${id}|me`), 'nothing cached in the shared partition').to.equal(undefined);
    // The partner signs in by cookie: until `me` answers, no "Sign in to ask", then Aiko's form.
    const back = new MemoryBackend({ id, me: meFor('u-aiko') });
    const release = gatedMe(back);
    const signedIn = await fixture<ConfabProvider>(html`<confab-provider .backend=${back}><confab-qa-box></confab-qa-box></confab-provider>`);
    const box = signedIn.querySelector('confab-qa-box')!;
    await (box as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(text(box, '[part~=submit]'), 'not told to sign in while `me` is pending').not.to.equal('Sign in to ask');
    release();
    await waitFor(() => text(box, '.actions').includes('Posting as Aiko Tanaka'), 'Aiko');
  });

  it('<confab-forum-feed>: "New thread" asks for a sign-in, opens the form once signed in, and asks again after sign-out', async () => {
    const b = memory();
    configure({ backend: b, getToken: () => null });
    const el = await fixture(html`<confab-forum-feed compose page-size="3"></confab-forum-feed>`);
    const signedIn = () => (el as unknown as { signedIn: boolean | undefined }).signedIn;
    await waitFor(() => signedIn() === false && $(el, '[part~=new-thread]'), 'signed out first');
    let ask = oneEvent(el, 'confab-auth-required');
    $<HTMLButtonElement>(el, '[part~=new-thread]')!.click();
    expect((await ask).detail.action).to.equal('create-thread');
    signInAs(b, 'u-aiko');
    await waitFor(() => signedIn() === true, 'signed in as Aiko');
    $<HTMLButtonElement>(el, '[part~=new-thread]')!.click();
    await waitFor(() => $(el, 'form.new-thread'), 'the new-thread form opens');
    signInAs(b, null);
    await waitFor(() => signedIn() === false, 'signed out again');
    // The form opened while signed in now asks for a sign-in instead of posting.
    ask = oneEvent(el, 'confab-auth-required');
    $<HTMLFormElement>(el, 'form.new-thread')!.requestSubmit();
    expect((await ask).detail.action).to.equal('create-thread');
  });

  it('<confab-cert-badge person="me">: sign-in shows your badges, another partner theirs, sign-out the sign-in offer', async () => {
    const b = memory();
    configure({ backend: b, getToken: () => null });
    const el = await fixture(html`<confab-cert-badge person="me"></confab-cert-badge>`);
    const titles = () => [...el.shadowRoot!.querySelectorAll('[part~="item"] [part~="title"]')].map((t) => t.textContent!.trim());
    await waitFor(() => $(el, '[part~="sign-in"]'), 'sign-in offer first');
    signInAs(b, 'u-aiko');
    await waitFor(() => titles().length === 3, "Aiko's three certifications");
    const aikos = titles();
    signInAs(b, 'u-lars');
    await waitFor(() => titles().length > 0 && titles().join() !== aikos.join(), "Lars's certifications replace Aiko's");
    signInAs(b, null);
    await waitFor(() => $(el, '[part~="sign-in"]') && titles().length === 0, 'sign-in offer again');
  });

  it('<confab-article-search>: results and the sign-in hint follow sign-in, a tier change and sign-out', async () => {
    // The server filters by the reader's tier: a fake that answers per the partner signed in now.
    let me: Me = { authenticated: false };
    const hit = (id: string, title: string): ArticleHit => ({
      id, title, snippet: 'SAML single sign-on.', product: 'Gateway', contentType: 'how-to', updatedAt: '2026-03-02T10:15:00.000Z',
      highlights: { title: [], snippet: [] },
    });
    const search = (): ArticleSearchResult => {
      const tier = me.authenticated ? me.tier : null;
      const items = [hit('a1', 'SSO basics'), ...(tier ? [hit('a2', 'SSO for partners')] : []), ...(tier === 'gold' ? [hit('a3', 'SSO at gold tier')] : [])];
      return { items, nextCursor: null, total: items.length, facets: { product: [], contentType: [] }, moreForSignedIn: !me.authenticated };
    };
    const b = {
      id: `identity-search-${Date.now()}`,
      searchArticles: async () => search(),
      me: async () => me,
    } as unknown as CommunityBackend;
    const signIn = (next: Me, token: string | null) => {
      me = next;
      configure({ getToken: () => token });
    };
    configure({ backend: b, getToken: () => null });
    const el = await fixture(html`<confab-article-search></confab-article-search>`);
    const options = () => [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.replace(/\s+/g, ' ').trim());
    $<HTMLInputElement>(el, '#input')!.focus();
    await sendKeys({ type: 'sso' });
    await waitFor(() => options().length === 1 && $(el, '[part~="signin-hint"]'), 'one public result and the hint');
    signIn({ authenticated: true, id: 'u1', name: 'Ana', org: null, tier: 'silver', roles: [] }, 'token-ana');
    await waitFor(() => options().length === 2 && !$(el, '[part~="signin-hint"]'), 'silver results, no hint');
    signIn({ authenticated: true, id: 'u2', name: 'Ben', org: null, tier: 'gold', roles: [] }, 'token-ben');
    await waitFor(() => options().length === 3, 'gold results for the next partner');
    signIn({ authenticated: false }, null);
    await waitFor(() => options().length === 1 && $(el, '[part~="signin-hint"]'), 'public result and the hint again');
  });
});
