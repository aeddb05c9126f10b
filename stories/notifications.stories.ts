import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConfabNotifications } from '../src/elements/notifications/notifications.js';
import type { CommunityBackend } from '../src/backends/types.js';
import type { MemoryBackend } from '../src/backends/memory/index.js';
import { FOREVER, memory, meFor, problemError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided, until } from './support/story.js';

interface Args {
  label?: string;
  theme?: string;
}

/** The bell sits at the end of a header row, as in a portal, with room below for its popover. */
const bell = (args: Args) => html`<div style="display:flex;justify-content:flex-end;align-items:start;min-height:600px;padding:8px">
  <confab-notifications label=${ifDefined(args.label || undefined)} theme=${ifDefined(args.theme || undefined)}></confab-notifications>
</div>`;

const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), bell(args));
const element = (canvas: HTMLElement) => find<ConfabNotifications>(canvas, 'confab-notifications');
const backendOf = (canvas: HTMLElement) => canvas.querySelector<HTMLElement & { backend: MemoryBackend }>('confab-provider')!.backend;

/** Waits for the unread badge. */
const counted = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inShadow(await element(canvasElement), '[part~="badge"]');
};

/** Opens the popover and waits for `selector` in it. */
const opened = (selector = '[part~="item"]') => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const el = await element(canvasElement);
  await until(() => el.shadowRoot?.querySelector('[part~="bell"]'), 'the bell');
  el.show();
  await inShadow(el, selector);
};

const meta: Meta<Args> = {
  title: 'Elements/Notifications',
  component: 'confab-notifications',
  args: {},
  argTypes: { theme: { control: 'select', options: ['light', 'dark', 'auto'] } },
  render: over(() => memory('notify-default', { me: meFor('u-aiko') })),
  play: counted,
};
export default meta;
type Story = StoryObj<Args>;

export const Bell: Story = { name: 'Bell with unread count' };

export const Open: Story = {
  name: 'Open: grouped by topic',
  render: over(() => memory('notify-open', { me: meFor('u-aiko') })),
  play: opened(),
};

export const Preferences: Story = {
  name: 'Preferences',
  render: over(() => memory('notify-preferences', { me: meFor('u-aiko') })),
  play: async (ctx) => {
    await opened()(ctx);
    const el = await element(ctx.canvasElement);
    el.shadowRoot!.querySelector<HTMLElement>('[part~="preferences"]')!.click();
    await inShadow(el, '#pref-reply');
  },
};

export const Live: Story = {
  name: 'Live: a new answer arrives',
  render: over(() => memory('notify-live', { me: meFor('p-ava') })),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await inShadow(el, '[part~="badge"]');
    const b = backendOf(canvasElement);
    const asked = await b.askQuestion({ title: 'Can a renewal keep the original discount?', body: 'Our customer renews in May.', category: 'deal-registration', tags: [] });
    b.setMe(meFor('p-ben'));
    await b.answerQuestion(asked.id, { body: 'Yes, if you register the renewal 30 days ahead.' });
    b.setMe(meFor('p-ava'));
    await until(() => el.shadowRoot?.querySelector('[part~="badge"]')?.textContent?.trim() === '2', 'the badge counts the answer');
  },
};

export const Empty: Story = {
  name: 'Empty',
  render: over(() => memory('notify-empty', { me: meFor('p-victor') })),
  play: opened('[part~="empty"]'),
};

export const Loading: Story = {
  render: over(() => memory('notify-loading', { me: meFor('u-aiko'), latency: FOREVER })),
  play: opened('[part~="skeleton"]'),
};

export const Failed: Story = {
  name: 'Error',
  render: over(() => memory('notify-error', { me: meFor('u-aiko'), failWith: problemError() })),
  play: opened('[part~="error"]'),
};

export const SignedOut: Story = {
  name: 'Signed out',
  render: over(() => memory('notify-signed-out')),
  play: opened('[part~="sign-in"]'),
};

export const Unavailable: Story = {
  name: 'Backend without notifications',
  render: () => {
    const plain = memory('notify-plain', { me: meFor('u-aiko') });
    // Only the core calls: a backend without the notifications capability.
    const core = { id: 'story-notify-core', me: (o?: { signal?: AbortSignal }) => plain.me(o) } as unknown as CommunityBackend;
    return provided(core, bell({}));
  },
  play: opened('[part~="empty"]'),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => memory('notify-dark', { me: meFor('u-aiko') })),
  play: opened(),
};

export const Narrow: Story = {
  name: 'Narrow (320 px)',
  decorators: [narrow],
  render: over(() => memory('notify-narrow', { me: meFor('u-aiko') })),
  play: opened(),
};

export const Arabic: Story = {
  name: 'Arabic (right to left)',
  ...arabic,
  render: over(() => memory('notify-arabic', { me: meFor('u-aiko') })),
  play: opened(),
};
