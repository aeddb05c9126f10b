import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CommunityBackend } from '../src/backends/types.js';
import { FOREVER, memory, meFor, problemError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided } from './support/story.js';

interface Args {
  filter: 'all' | 'flagged' | 'held';
  reason?: string;
  live: boolean;
  theme?: string;
}

const queue = (args: Args) => html`<confab-mod-queue
  filter=${args.filter}
  reason=${ifDefined(args.reason || undefined)}
  ?live=${args.live}
  theme=${ifDefined(args.theme || undefined)}
></confab-mod-queue>`;

const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), queue(args));
/** Morgan Reyes, the demo's moderator, with the demo's reported and held items. */
const moderator = (id: string, extra: Parameters<typeof memory>[1] = {}) => memory(id, { moderationDemo: true, me: meFor('p-morgan'), ...extra });

/** Waits until the items are shown. */
const shown = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inShadow(await find(canvasElement, 'confab-mod-queue'), 'article.item');
};

const meta: Meta<Args> = {
  title: 'Elements/Moderation queue',
  component: 'confab-mod-queue',
  args: { filter: 'all', live: true },
  argTypes: {
    filter: { control: 'inline-radio', options: ['all', 'flagged', 'held'] },
    reason: { control: 'select', options: ['', 'spam', 'off-topic', 'inappropriate', 'other'] },
    theme: { control: 'select', options: ['light', 'dark', 'auto'] },
  },
  render: over(() => moderator('mq-default')),
  play: shown,
};
export default meta;
type Story = StoryObj<Args>;

export const Queue: Story = { name: 'Reported and held items' };

export const Held: Story = {
  name: 'Filter: held',
  args: { filter: 'held' },
  render: over(() => moderator('mq-held')),
};

export const Spam: Story = {
  name: 'Filter: reason spam',
  args: { filter: 'flagged', reason: 'spam' },
  render: over(() => moderator('mq-spam')),
};

export const ActionForm: Story = {
  name: 'Action form open (hide with a reason)',
  render: over(() => moderator('mq-form')),
  play: async ({ canvasElement }) => {
    const el = await find(canvasElement, 'confab-mod-queue');
    (await inShadow<HTMLButtonElement>(el, 'article.item [data-action="hide"]')).click();
    await inShadow(el, '#mq-reason');
  },
};

export const Loading: Story = {
  render: over(() => moderator('mq-loading', { latency: FOREVER })),
  // Replaces the default play (which waits for items that never come while loading).
  play: async () => {},
};

export const Empty: Story = {
  name: 'Empty: nothing to review',
  render: over(() => memory('mq-empty', { me: meFor('p-morgan') })),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-mod-queue'), '[part~="empty"]');
  },
};

export const Failed: Story = {
  name: 'Error',
  render: over(() => {
    const b = moderator('mq-error');
    b.moderationQueue = () => Promise.reject(problemError());
    return b;
  }),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-mod-queue'), '[part~="error"]');
  },
};

export const Partner: Story = {
  name: 'Forbidden: a partner ("for moderators")',
  render: over(() => memory('mq-partner', { moderationDemo: true, me: meFor('u-aiko') })),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-mod-queue'), '[part~="empty"]');
  },
};

export const SignedOut: Story = {
  name: 'Signed out',
  render: over(() => memory('mq-signed-out', { moderationDemo: true })),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-mod-queue'), '[part~="empty"]');
  },
};

export const Unavailable: Story = {
  name: 'Backend without moderation',
  render: over(() => {
    const b = moderator('mq-unavailable');
    // The same plug minus the capability, as a custom backend without moderation would be.
    return Object.assign(Object.create(b), { moderationQueue: undefined, moderationAction: undefined, createFlag: undefined });
  }),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-mod-queue'), '[part~="empty"]');
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => moderator('mq-dark')),
};

export const Narrow: Story = {
  decorators: [narrow],
  render: over(() => moderator('mq-narrow')),
};

export const Arabic: Story = {
  ...arabic,
  render: over(() => moderator('mq-arabic')),
};
