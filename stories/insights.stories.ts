import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CommunityBackend } from '../src/backends/types.js';
import { createFixtures, sampleInsightsLog, type MemoryBackendOptions } from '../src/backends/memory/index.js';
import { FOREVER, emptyData, longData, memory, meFor, problemError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided } from './support/story.js';

interface Args {
  range: '7d' | '30d' | '90d' | 'custom';
  from?: string;
  to?: string;
  questionUrl?: string;
  theme?: string;
}

const insights = (args: Args) => html`<confab-insights
  range=${args.range}
  from=${ifDefined(args.from || undefined)}
  to=${ifDefined(args.to || undefined)}
  question-url=${ifDefined(args.questionUrl || undefined)}
  theme=${ifDefined(args.theme || undefined)}
></confab-insights>`;

/** The demo community with half a year of CSAT answers, searches, clicks and deflections, seen by Victor Hale (vendor staff). */
function staff(id: string, options: Omit<MemoryBackendOptions, 'id'> = {}) {
  const data = options.data ?? createFixtures();
  return memory(id, { me: meFor('p-victor'), data, insightsLog: sampleInsightsLog(data), ...options });
}

const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), insights(args));

/** Waits until the charts are drawn. */
const charts = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inShadow(await find(canvasElement, 'confab-insights'), '[part~="chart"]');
};
const state = (part: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inShadow(await find(canvasElement, 'confab-insights'), `[part~="${part}"]`);
};

const meta: Meta<Args> = {
  title: 'Elements/Insights',
  component: 'confab-insights',
  args: { range: '30d', questionUrl: '/community/questions/{id}' },
  argTypes: {
    range: { control: 'inline-radio', options: ['7d', '30d', '90d', 'custom'] },
    theme: { control: 'select', options: ['light', 'dark', 'auto'] },
  },
  render: over(() => staff('insights-default')),
  play: charts,
};
export default meta;
type Story = StoryObj<Args>;

export const Last30Days: Story = { name: 'Data: last 30 days' };

export const Last90Days: Story = {
  name: 'Data: last 90 days',
  args: { range: '90d' },
  render: over(() => staff('insights-90')),
};

export const Custom: Story = {
  name: 'Data: custom period',
  args: { range: 'custom', from: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) },
  render: over(() => staff('insights-custom')),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => staff('insights-dark')),
};

export const Narrow: Story = {
  decorators: [narrow],
  render: over(() => staff('insights-narrow')),
};

export const Arabic: Story = {
  ...arabic,
  render: over(() => staff('insights-ar')),
};

export const LongNames: Story = {
  name: 'Long names',
  render: over(() => staff('insights-long', { data: longData() })),
};

export const Loading: Story = {
  render: over(() => staff('insights-loading', { latency: FOREVER })),
  play: async () => {},
};

export const Empty: Story = {
  name: 'Empty (no activity in the period)',
  render: over(() => memory('insights-empty', { me: meFor('p-victor'), data: emptyData() })),
  play: state('empty'),
};

export const Partner: Story = {
  name: 'Forbidden: a partner',
  render: over(() => staff('insights-partner', { me: meFor('u-aiko') })),
  play: state('empty'),
};

export const SignedOut: Story = {
  name: 'Signed out',
  render: over(() => staff('insights-signed-out', { me: null })),
  play: state('sign-in'),
};

export const ErrorState: Story = {
  name: 'Error (problem body)',
  render: over(() => staff('insights-error', { failWith: problemError() })),
  play: state('error'),
};

export const Unsupported: Story = {
  name: 'Backend without insights',
  render: over(() => {
    const b = staff('insights-unsupported');
    return new Proxy(b, { get: (t, k) => (k === 'insights' || k === 'exportInsights' ? undefined : Reflect.get(t, k)) }) as CommunityBackend;
  }),
  play: state('empty'),
};

/** Opens the first question's "Notify experts" and, with `confirm`, sends it and waits for the outcome. */
const notifyExperts = (confirm: boolean) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const el = await find(canvasElement, 'confab-insights');
  (await inShadow<HTMLButtonElement>(el, '[data-experts] [data-role="start"]')).click();
  const yes = await inShadow<HTMLButtonElement>(el, '[data-experts] [data-role="confirm"]');
  if (!confirm) return;
  yes.click();
  await inShadow(el, '[data-experts] [data-role="outcome"]');
};

export const NotifyExpertsConfirm: Story = {
  name: 'Notify experts: confirm step',
  render: over(() => staff('insights-experts-confirm')),
  play: notifyExperts(false),
};

export const NotifyExpertsDone: Story = {
  name: 'Notify experts: done',
  render: over(() => staff('insights-experts-done')),
  play: notifyExperts(true),
};

export const NotifyExpertsUnsupported: Story = {
  name: 'Notify experts: not offered by the backend',
  render: over(() => {
    const b = staff('insights-experts-unsupported');
    return new Proxy(b, { get: (t, k) => (k === 'notifyExperts' ? undefined : Reflect.get(t, k)) }) as CommunityBackend;
  }),
};
