// The author's avatar: a picture that fails to load hides itself and uncovers the initials beneath it,
// instead of showing the browser's broken-image glyph (seen on the Discourse demo, whose recorded
// avatars point at a host the page cannot reach).
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { controls } from '../../../src/styles/controls.js';
import { tokens } from '../../../src/styles/tokens.js';
import { avatar } from '../../../src/ui/states.js';
import { waitFor } from '../core/wait.js';

// A 1x1 PNG.
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** The avatar in a shadow root with the elements' own styles, as an element renders it. */
function mount(author: { name: string; avatarUrl: string | null }) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [tokens.styleSheet!, controls.styleSheet!];
  render(avatar(author), root);
  const span = root.querySelector<HTMLElement>('.avatar')!;
  return { root, span, img: span.querySelector('img') };
}

describe('avatar', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the initials alone without a picture', () => {
    const { span, img } = mount({ name: 'Ava Lindqvist', avatarUrl: null });
    expect(img).to.equal(null);
    expect(span.textContent!.trim()).to.equal('AL');
  });

  it('shows a picture that loads over the initials', async () => {
    const { root, span, img } = mount({ name: 'Ava Lindqvist', avatarUrl: PIXEL });
    await waitFor(() => img!.complete && img!.naturalWidth > 0, 'the picture loaded');
    expect(getComputedStyle(img!).visibility).to.equal('visible');
    // The picture covers the whole avatar, initials included.
    const [a, b] = [span.getBoundingClientRect(), img!.getBoundingClientRect()];
    expect(b.width).to.be.greaterThan(0);
    // Inside the avatar's box (its border excluded), as large as it less that border.
    expect(b.left >= a.left && b.top >= a.top && b.right <= a.right && b.bottom <= a.bottom, 'inside the avatar').to.equal(true);
    expect(b.width).to.be.at.least(a.width - 2);
    expect(root.elementFromPoint(a.left + a.width / 2, a.top + a.height / 2)).to.equal(img);
  });

  it('hides a picture that fails and shows the initials instead', async () => {
    // Nothing listens on port 9: the request fails at once.
    const { span, img } = mount({ name: 'Ava Lindqvist', avatarUrl: 'http://127.0.0.1:9/avatar.png' });
    await waitFor(() => getComputedStyle(img!).visibility === 'hidden', 'the failed picture hid itself');
    expect(span.textContent!.trim()).to.equal('AL');
  });

  it("shows the next author's picture when the same img is reused for them", async () => {
    // A list re-rendered with other authors keeps its DOM and only changes the src: a picture hidden
    // after a failure must not stay hidden for whoever comes next in that place.
    const { root, img } = mount({ name: 'Ava Lindqvist', avatarUrl: 'http://127.0.0.1:9/avatar.png' });
    await waitFor(() => getComputedStyle(img!).visibility === 'hidden', 'the failed picture hid itself');
    render(avatar({ name: 'Bo Ek', avatarUrl: PIXEL }), root);
    expect(root.querySelector('img')).to.equal(img);
    await waitFor(() => img!.complete && img!.naturalWidth > 0, "the next author's picture loaded");
    await waitFor(() => getComputedStyle(img!).visibility === 'visible', 'shown again');
    const a = root.querySelector<HTMLElement>('.avatar')!.getBoundingClientRect();
    expect(root.elementFromPoint(a.left + a.width / 2, a.top + a.height / 2)).to.equal(img);
  });
});
