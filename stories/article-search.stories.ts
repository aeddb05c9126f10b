import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConfabArticleSearch } from '../src/elements/article-search/article-search.js';
import type { CommunityBackend } from '../src/backends/types.js';
import type { MemoryBackend } from '../src/backends/memory/index.js';
import { FOREVER, emptyData, longData, memory, meFor, problemError, validationError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided, reloadOffline, typeInto } from './support/story.js';
import { restBackend, useRestScenario } from './support/network.js';

interface Args {
  mode: 'popup' | 'inline';
  placeholder?: string;
  'article-href'?: string;
  shortcut: boolean;
  product?: string;
  'page-size'?: number;
  theme?: string;
}

const search = (args: Args) => html`<confab-article-search
  mode=${args.mode}
  placeholder=${ifDefined(args.placeholder || undefined)}
  article-href=${ifDefined(args['article-href'] || undefined)}
  ?shortcut=${args.shortcut}
  product=${ifDefined(args.product || undefined)}
  page-size=${ifDefined(args['page-size'] || undefined)}
  theme=${ifDefined(args.theme || undefined)}
></confab-article-search>`;

const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), search(args));
const backendOf = (canvas: HTMLElement) => canvas.querySelector<HTMLElement & { backend: MemoryBackend }>('confab-provider')!.backend;

/** Types `q` into the search field and waits for `shows` (results by default) to appear. */
const typeQuery = (q = 'gateway', shows = '[part~="option"]', timeout?: number) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await find<ConfabArticleSearch>(canvasElement, 'confab-article-search');
    await typeInto(el, '#input', q);
    await inShadow(el, shows, timeout);
  };

const meta: Meta<Args> = {
  title: 'Elements/Article search',
  component: 'confab-article-search',
  args: { mode: 'popup', shortcut: false },
  argTypes: {
    mode: { control: 'inline-radio', options: ['popup', 'inline'] },
    theme: { control: 'select', options: ['light', 'dark', 'auto'] },
  },
  // Room under the field for the popup.
  decorators: [(story) => html`<div style="min-height:560px">${story()}</div>`],
  render: over(() => memory('search-default')),
};
export default meta;
type Story = StoryObj<Args>;

/** The idle field, before anything is typed. */
export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-article-search'), '#input');
  },
};

export const OpenListbox: Story = {
  name: 'Open listbox with results (signed out)',
  render: over(() => memory('search-open')),
  play: typeQuery(),
};

export const SignedIn: Story = {
  name: 'Signed in (vendor staff: every article)',
  render: over(() => memory('search-signed-in', { me: meFor('u-hannah') })),
  play: typeQuery(),
};

export const Inline: Story = {
  name: 'Inline mode',
  args: { mode: 'inline' },
  render: over(() => memory('search-inline', { me: meFor('u-aiko') })),
  play: typeQuery('saml'),
};

export const Reader: Story = {
  args: { mode: 'inline' },
  render: over(() => memory('search-reader', { me: meFor('u-aiko') })),
  play: async (ctx) => {
    await typeQuery('gateway')(ctx);
    const el = ctx.canvasElement.querySelector<ConfabArticleSearch>('confab-article-search')!;
    (await inShadow<HTMLElement>(el, '#result-0')).click();
    await inShadow(el, '[part~="feedback"]');
  },
};

export const Loading: Story = {
  render: over(() => memory('search-loading', { latency: FOREVER })),
  play: typeQuery('gateway', '[part~="skeleton"]'),
};

export const Empty: Story = {
  name: 'Empty (no results)',
  render: over(() => memory('search-empty', { data: emptyData() })),
  play: typeQuery('gateway', '[part~="empty"]'),
};

export const ErrorWithProblem: Story = {
  name: 'Error (problem body)',
  render: over(() => memory('search-error-problem', { failWith: problemError() })),
  play: typeQuery('gateway', '[part~="error"]'),
};

export const ErrorValidation: Story = {
  name: 'Error (validation)',
  render: over(() => memory('search-error-validation', { failWith: validationError() })),
  play: typeQuery('gateway', '[part~="error"]'),
};

export const OfflineWithCache: Story = {
  args: { mode: 'inline' },
  render: over(() => memory('search-offline')),
  play: async (ctx) => {
    await typeQuery('gateway')(ctx);
    const el = ctx.canvasElement.querySelector<ConfabArticleSearch>('confab-article-search')!;
    await reloadOffline(el, backendOf(ctx.canvasElement), () => el.shadowRoot?.querySelector('[part~="option"]'));
  },
};

export const LongContent: Story = {
  render: over(() => memory('search-long', { data: longData(), me: meFor('u-hannah') })),
  play: typeQuery(),
};

export const LongContentInline: Story = {
  name: 'Long content (inline)',
  args: { mode: 'inline' },
  render: over(() => memory('search-long-inline', { data: longData(), me: meFor('u-hannah') })),
  play: typeQuery(),
};

export const Arabic: Story = {
  ...arabic,
  name: 'Arabic (RTL)',
  render: over(() => memory('search-ar', { me: meFor('u-aiko') })),
  play: typeQuery(),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => memory('search-dark', { me: meFor('u-aiko') })),
  play: typeQuery(),
};

export const Narrow320: Story = {
  name: '320 px wide',
  decorators: [narrow],
  render: over(() => memory('search-narrow', { me: meFor('u-aiko') })),
  play: typeQuery(),
};

/** RestBackend over msw: every answer takes 2.5 s (the field stays usable; results arrive). */
export const NetworkSlow: Story = {
  name: 'Network: slow (msw + RestBackend)',
  loaders: [() => useRestScenario('slow')],
  render: (args) => provided(restBackend('slow'), search(args)),
  play: typeQuery('gateway', '[part~="option"]', 15_000),
};

/** RestBackend over msw: the server answers 503 with a problem body; RestBackend retries twice, then shows it. */
export const NetworkFailing: Story = {
  name: 'Network: failing (msw + RestBackend)',
  tags: ['http-errors'],
  loaders: [() => useRestScenario('down')],
  render: (args) => provided(restBackend('down'), search(args)),
  play: typeQuery('gateway', '[part~="error"]', 15_000),
};
