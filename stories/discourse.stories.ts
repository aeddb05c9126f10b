import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { discourseBackend, useDiscourse } from './support/discourse.js';
import { find, inShadow, provided } from './support/story.js';

/**
 * The four elements on `confab/discourse`, reading recorded Discourse payloads (msw). The feed lists
 * the Q&A category, the Q&A box shows the topic Solved marked, the search finds the docs topic, and
 * the badge shows that Discourse has no certifications: Discourse badges are not verifiable Open
 * Badges, so the adapter answers 501 and the element says "not available" instead of failing.
 */
const meta: Meta = {
  title: 'Backends/Discourse',
  loaders: [() => useDiscourse()],
};
export default meta;
type Story = StoryObj;

export const FourElements: Story = {
  name: 'Four elements on Discourse',
  render: () => provided(discourseBackend(), html`<div style="display:grid;gap:24px;max-width:760px">
    <confab-forum-feed category="questions" page-size="5"></confab-forum-feed>
    <confab-qa-box .question=${'57'}></confab-qa-box>
    <div style="min-height:320px"><confab-article-search mode="inline"></confab-article-search></div>
    <confab-cert-badge org="northwind"></confab-cert-badge>
  </div>`),
  play: async (ctx) => {
    await inShadow(await find(ctx.canvasElement, 'confab-forum-feed'), '[part~="item"]', 15_000);
    await inShadow(await find(ctx.canvasElement, 'confab-qa-box'), '.answer.is-accepted', 15_000);
    await inShadow(await find(ctx.canvasElement, 'confab-cert-badge'), '[part="empty"]', 15_000);
  },
};
