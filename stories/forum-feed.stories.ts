import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConfabForumFeed } from '../src/elements/forum-feed/forum-feed.js';
import type { CommunityBackend } from '../src/backends/types.js';
import { FOREVER, emptyData, longData, memory, meFor, problemError, validationError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided, reloadOffline } from './support/story.js';
import { restBackend, useRestScenario } from './support/network.js';

interface Args {
  category?: string;
  tag?: string;
  sort: string;
  'page-size': number;
  compose: boolean;
  live: boolean;
  theme?: string;
}

const feed = (args: Args) => html`<confab-forum-feed
  category=${ifDefined(args.category || undefined)}
  tag=${ifDefined(args.tag || undefined)}
  sort=${args.sort}
  page-size=${args['page-size']}
  ?compose=${args.compose}
  ?live=${args.live}
  theme=${ifDefined(args.theme || undefined)}
></confab-forum-feed>`;

/** Waits for `selector` in the feed's shadow root: the story shows the state it names. */
const shows = (selector: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inShadow(await find(canvasElement, 'confab-forum-feed'), selector);
};

/** A story rendering the feed over `backend()`, made afresh for each render. */
const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), feed(args));

const meta: Meta<Args> = {
  title: 'Elements/Forum feed',
  component: 'confab-forum-feed',
  args: { sort: 'latest', 'page-size': 8, compose: true, live: false },
  argTypes: {
    sort: { control: 'select', options: ['latest', 'top', 'unanswered'] },
    theme: { control: 'select', options: ['light', 'dark', 'auto'] },
  },
  render: over(() => memory('feed-default')),
  play: shows('[part~="item"]'),
};
export default meta;
type Story = StoryObj<Args>;

export const SignedOut: Story = {};

export const SignedIn: Story = {
  render: over(() => memory('feed-signed-in', { me: meFor('u-aiko') })),
};

export const Loading: Story = {
  render: over(() => memory('feed-loading', { latency: FOREVER })),
  play: shows('[part~="skeleton"]'),
};

export const Empty: Story = {
  render: over(() => memory('feed-empty', { data: emptyData() })),
  play: shows('[part~="empty"]'),
};

export const ErrorWithProblem: Story = {
  name: 'Error (problem body)',
  render: over(() => memory('feed-error-problem', { failWith: problemError() })),
  play: shows('[part~="error"]'),
};

export const ErrorValidation: Story = {
  name: 'Error (validation)',
  render: over(() => memory('feed-error-validation', { failWith: validationError() })),
  play: shows('[part~="error"]'),
};

export const OfflineWithCache: Story = {
  render: over(() => memory('feed-offline')),
  play: async ({ canvasElement }) => {
    const el = await find<ConfabForumFeed>(canvasElement, 'confab-forum-feed');
    const backend = canvasElement.querySelector<HTMLElement & { backend: ReturnType<typeof memory> }>('confab-provider')!.backend;
    await reloadOffline(el, backend, () => el.shadowRoot?.querySelector('[part~="item"]'));
  },
};

export const LongContent: Story = {
  args: { tag: undefined },
  render: over(() => memory('feed-long', { data: longData(), me: meFor('u-aiko') })),
};

export const Arabic: Story = {
  ...arabic,
  name: 'Arabic (RTL)',
  render: over(() => memory('feed-ar', { me: meFor('u-aiko') })),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => memory('feed-dark', { me: meFor('u-aiko') })),
};

export const Narrow320: Story = {
  name: '320 px wide',
  decorators: [narrow],
  render: over(() => memory('feed-narrow', { me: meFor('u-aiko') })),
};

export const ThreadOpen: Story = {
  render: over(() => memory('feed-thread', { me: meFor('u-aiko') })),
  play: async ({ canvasElement }) => {
    const el = await find<ConfabForumFeed>(canvasElement, 'confab-forum-feed');
    await inShadow(el, '[part~="item"]');
    await el.openThread('th-039');
    await inShadow(el, '[part~="post"]');
  },
};

export const ThreadOpenLongContent: Story = {
  render: over(() => memory('feed-thread-long', { data: longData(), me: meFor('u-aiko') })),
  play: ThreadOpen.play,
};

/** RestBackend over msw: every response takes 2.5 s (watch the skeleton, then the feed). */
export const NetworkSlow: Story = {
  name: 'Network: slow (msw + RestBackend)',
  loaders: [() => useRestScenario('slow')],
  render: (args) => provided(restBackend('slow'), feed(args)),
  play: async (ctx) => {
    const el = await find(ctx.canvasElement, 'confab-forum-feed');
    await inShadow(el, '[part~="item"]', 15_000);
  },
};

/** RestBackend over msw: the server answers 503 with a problem body; RestBackend retries twice, then shows it. */
export const NetworkFailing: Story = {
  name: 'Network: failing (msw + RestBackend)',
  tags: ['http-errors'],
  loaders: [() => useRestScenario('down')],
  render: (args) => provided(restBackend('down'), feed(args)),
  play: async (ctx) => {
    const el = await find(ctx.canvasElement, 'confab-forum-feed');
    await inShadow(el, '[part~="error"]', 15_000);
  },
};
