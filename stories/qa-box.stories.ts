import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConfabQaBox } from '../src/elements/qa-box/qa-box.js';
import type { CommunityBackend } from '../src/backends/types.js';
import type { MemoryBackend } from '../src/backends/memory/index.js';
import { FOREVER, emptyData, longData, memory, meFor, problemError, validationError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided, reloadOffline, typeInto } from './support/story.js';
import { restBackend, useRestScenario } from './support/network.js';

interface Args {
  category?: string;
  categories?: string;
  placeholder?: string;
  question?: string;
  theme?: string;
}

const box = (args: Args) => html`<confab-qa-box
  category=${ifDefined(args.category || undefined)}
  categories=${ifDefined(args.categories || undefined)}
  placeholder=${ifDefined(args.placeholder || undefined)}
  question=${ifDefined(args.question || undefined)}
  theme=${ifDefined(args.theme || undefined)}
></confab-qa-box>`;

const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), box(args));
const backendOf = (canvas: HTMLElement) => canvas.querySelector<HTMLElement & { backend: MemoryBackend }>('confab-provider')!.backend;

/** A partner types a title that the community has asked before; similar questions appear. */
const SIMILAR_TITLE = 'How do I register a multi-year deal renewal?';
const typeSimilar = (title = SIMILAR_TITLE, shows = '[part~="item"]') =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await find<ConfabQaBox>(canvasElement, 'confab-qa-box');
    await typeInto(el, '#title', title);
    await inShadow(el, shows);
  };

/** Waits until the open question shows its answers (or its empty state). */
const questionShown = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const el = await find<ConfabQaBox>(canvasElement, 'confab-qa-box');
  await inShadow(el, '[part~="body"], [part~="empty"]');
};

const meta: Meta<Args> = {
  title: 'Elements/Q&A box',
  component: 'confab-qa-box',
  args: { category: 'deal-registration' },
  argTypes: { theme: { control: 'select', options: ['light', 'dark', 'auto'] } },
  render: over(() => memory('qa-default')),
};
export default meta;
type Story = StoryObj<Args>;

export const SignedOut: Story = {};

export const SignedIn: Story = {
  render: over(() => memory('qa-signed-in', { me: meFor('u-aiko') })),
};

export const SimilarQuestions: Story = {
  name: 'Similar questions shown',
  render: over(() => memory('qa-similar', { me: meFor('u-aiko') })),
  play: typeSimilar(),
};

export const QuestionView: Story = {
  args: { question: 'q-001' },
  render: over(() => memory('qa-question', { me: meFor('u-lars') })),
  play: questionShown,
};

export const QuestionViewAsAsker: Story = {
  name: 'Question view (asker, unanswered)',
  args: { question: 'q-014' },
  render: over(() => memory('qa-question-asker', { me: meFor('u-aiko') })),
  play: questionShown,
};

export const Loading: Story = {
  args: { question: 'q-001' },
  render: over(() => memory('qa-loading', { latency: FOREVER })),
};

export const LoadingSimilar: Story = {
  name: 'Loading (similar questions)',
  render: over(() => memory('qa-loading-similar', { latency: FOREVER })),
  play: typeSimilar(SIMILAR_TITLE, '[part~="skeleton"]'),
};

export const Empty: Story = {
  name: 'Empty (no similar questions)',
  render: over(() => memory('qa-empty', { data: emptyData() })),
  play: typeSimilar(SIMILAR_TITLE, '[part~="empty"]'),
};

export const ErrorWithProblem: Story = {
  name: 'Error (problem body)',
  args: { question: 'q-001' },
  render: over(() => memory('qa-error-problem', { failWith: problemError() })),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-qa-box'), '[part~="error"]');
  },
};

export const ErrorValidation: Story = {
  name: 'Error (validation)',
  render: over(() => memory('qa-error-validation', { failWith: validationError() })),
  play: typeSimilar(SIMILAR_TITLE, '[part~="error"]'),
};

export const OfflineWithCache: Story = {
  args: { question: 'q-001' },
  render: over(() => memory('qa-offline')),
  play: async ({ canvasElement }) => {
    const el = await find<ConfabQaBox>(canvasElement, 'confab-qa-box');
    await reloadOffline(el, backendOf(canvasElement), () => el.shadowRoot?.querySelector('[part~="body"]'));
  },
};

export const LongContent: Story = {
  args: { question: 'q-001' },
  render: over(() => memory('qa-long', { data: longData(), me: meFor('u-lars') })),
  play: questionShown,
};

export const LongContentSimilar: Story = {
  name: 'Long content (similar questions)',
  render: over(() => memory('qa-long-similar', { data: longData() })),
  play: typeSimilar(),
};

export const Arabic: Story = {
  ...arabic,
  name: 'Arabic (RTL)',
  render: over(() => memory('qa-ar', { me: meFor('u-aiko') })),
  play: typeSimilar(),
};

export const ArabicQuestion: Story = {
  ...arabic,
  name: 'Arabic (RTL) question view',
  args: { question: 'q-001' },
  render: over(() => memory('qa-ar-question', { me: meFor('u-lars') })),
  play: questionShown,
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => memory('qa-dark', { me: meFor('u-aiko') })),
  play: typeSimilar(),
};

export const DarkQuestion: Story = {
  name: 'Dark question view',
  args: { theme: 'dark', question: 'q-001' },
  decorators: [onDark],
  render: over(() => memory('qa-dark-question', { me: meFor('u-lars') })),
  play: questionShown,
};

export const Narrow320: Story = {
  name: '320 px wide',
  decorators: [narrow],
  render: over(() => memory('qa-narrow', { me: meFor('u-aiko') })),
  play: typeSimilar(),
};

export const Narrow320Question: Story = {
  name: '320 px wide question view',
  args: { question: 'q-001' },
  decorators: [narrow],
  render: over(() => memory('qa-narrow-question', { me: meFor('u-lars') })),
  play: questionShown,
};

/** RestBackend over msw: every answer takes 2.5 s; similar questions still appear once the server answers. */
export const NetworkSlow: Story = {
  name: 'Network: slow (msw + RestBackend)',
  loaders: [() => useRestScenario('slow')],
  render: (args) => provided(restBackend('slow'), box(args)),
  play: async ({ canvasElement }) => {
    const el = await find<ConfabQaBox>(canvasElement, 'confab-qa-box');
    await typeInto(el, '#title', SIMILAR_TITLE);
    await inShadow(el, '[part~="item"]', 15_000);
  },
};

/** RestBackend over msw: the server answers 503 with a problem body; the similar lookup shows it with a retry. */
export const NetworkFailing: Story = {
  name: 'Network: failing (msw + RestBackend)',
  tags: ['http-errors'],
  loaders: [() => useRestScenario('down')],
  render: (args) => provided(restBackend('down'), box(args)),
  play: async ({ canvasElement }) => {
    const el = await find<ConfabQaBox>(canvasElement, 'confab-qa-box');
    await typeInto(el, '#title', SIMILAR_TITLE);
    await inShadow(el, '[part~="error"]', 15_000);
  },
};
