import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConfabCertBadge } from '../src/elements/cert-badge/cert-badge.js';
import type { CommunityBackend } from '../src/backends/types.js';
import { createFixtures, type MemoryBackend, type MemoryData } from '../src/backends/memory/index.js';
import { ISSUER_BASE } from '../src/demo-data/index.js';
import { FOREVER, emptyData, longData, memory, meFor, problemError, validationError } from './support/backends.js';
import { arabic, find, inShadow, narrow, onDark, provided, reloadOffline, until } from './support/story.js';
import { useFakeIssuer } from './support/network.js';

interface Args {
  person?: string;
  org?: string;
  assertion?: string;
  layout: 'card' | 'list' | 'compact';
  identity?: string;
  label?: string;
  verify: boolean;
  theme?: string;
}

const badge = (args: Args) => html`<confab-cert-badge
  person=${ifDefined(args.person || undefined)}
  org=${ifDefined(args.org || undefined)}
  assertion=${ifDefined(args.assertion || undefined)}
  layout=${args.layout}
  identity=${ifDefined(args.identity || undefined)}
  label=${ifDefined(args.label || undefined)}
  ?verify=${args.verify}
  theme=${ifDefined(args.theme || undefined)}
></confab-cert-badge>`;

const over = (backend: () => CommunityBackend) => (args: Args) => provided(backend(), badge(args));
const backendOf = (canvas: HTMLElement) => canvas.querySelector<HTMLElement & { backend: MemoryBackend }>('confab-provider')!.backend;

/** The fixture community with only the certifications `ids` (one status per story). */
function only(...ids: string[]): MemoryData {
  const d = createFixtures();
  return { ...d, certifications: d.certifications.filter((c) => ids.includes(c.id)) };
}

/** Waits until the badges are shown. */
const shown = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inShadow(await find(canvasElement, 'confab-cert-badge'), '[part~="item"]');
};

/** Waits until `n` verdicts are shown (verification runs against the fake issuer through msw). */
const verdicts = (n: number) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const el = await find<ConfabCertBadge>(canvasElement, 'confab-cert-badge');
  await until(() => (el.shadowRoot?.querySelectorAll('[part~="verdict"]').length ?? 0) >= n, `${n} verdict(s)`, 15_000);
};

const meta: Meta<Args> = {
  title: 'Elements/Certification badge',
  component: 'confab-cert-badge',
  args: { person: 'u-aiko', layout: 'card', verify: false },
  argTypes: {
    layout: { control: 'inline-radio', options: ['card', 'list', 'compact'] },
    theme: { control: 'select', options: ['light', 'dark', 'auto'] },
  },
  render: over(() => memory('badge-default')),
  play: shown,
};
export default meta;
type Story = StoryObj<Args>;

export const Card: Story = { name: 'Layout: card' };

export const List: Story = {
  name: 'Layout: list',
  args: { layout: 'list' },
  render: over(() => memory('badge-list')),
};

export const Compact: Story = {
  name: 'Layout: compact',
  args: { layout: 'compact' },
  render: over(() => memory('badge-compact')),
};

export const Organisation: Story = {
  args: { person: undefined, org: 'org-northwind', layout: 'list' },
  render: over(() => memory('badge-org')),
};

export const StatusActive: Story = {
  name: 'Status: active',
  args: { person: 'u-jean-luc' },
  render: over(() => memory('badge-active')),
};

export const StatusExpiring: Story = {
  name: 'Status: expiring soon',
  render: over(() => memory('badge-expiring', { data: only('c-aiko-firewall') })),
};

export const StatusExpired: Story = {
  name: 'Status: expired',
  args: { person: undefined, org: 'org-contoso' },
  render: over(() => memory('badge-expired')),
};

export const StatusRevoked: Story = {
  name: 'Status: revoked',
  args: { person: 'u-priya' },
  render: over(() => memory('badge-revoked', { data: only('c-priya-identity') })),
};

export const StatusNoExpiry: Story = {
  name: 'Status: no expiry',
  args: { person: undefined, org: 'org-northwind' },
  render: over(() => memory('badge-no-expiry', { data: only('c-northwind-platinum') })),
};

export const SignedOut: Story = {
  name: 'Signed out ("my badges")',
  args: { person: 'me' },
  render: over(() => memory('badge-signed-out')),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-cert-badge'), '[part~="empty"]');
  },
};

export const SignedIn: Story = {
  name: 'Signed in ("my badges")',
  args: { person: 'me' },
  render: over(() => memory('badge-signed-in', { me: meFor('u-aiko') })),
};

export const Verified: Story = {
  name: 'Verified (fake issuer via msw)',
  args: { person: 'u-jean-luc', identity: 'jean-luc@fabrikam.example', verify: true },
  loaders: [() => useFakeIssuer()],
  render: over(() => memory('badge-verified')),
  play: verdicts(1),
};

export const VerificationFailedRevoked: Story = {
  name: 'Verification failed (revoked)',
  args: { person: 'u-priya', verify: true },
  loaders: [() => useFakeIssuer()],
  render: over(() => memory('badge-verify-revoked')),
  play: verdicts(2),
};

export const VerificationFailedRecipient: Story = {
  name: 'Verification failed (someone else\'s badge)',
  args: { person: 'u-aiko', identity: 'someone@else.example', verify: true },
  loaders: [() => useFakeIssuer()],
  render: over(() => memory('badge-verify-recipient')),
  play: verdicts(3),
};

export const HostedAssertion: Story = {
  name: 'Hosted assertion URL, verified',
  args: { person: undefined, assertion: `${ISSUER_BASE}/ob/assertions/c-aiko-gateway`, verify: true },
  loaders: [() => useFakeIssuer()],
  render: over(() => memory('badge-assertion')),
  play: verdicts(1),
};

export const Loading: Story = {
  render: over(() => memory('badge-loading', { latency: FOREVER })),
  // Nothing to wait for: it stays loading.
  play: async () => {},
};

export const Empty: Story = {
  render: over(() => memory('badge-empty', { data: emptyData() })),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-cert-badge'), '[part~="empty"]');
  },
};

export const ErrorWithProblem: Story = {
  name: 'Error (problem body)',
  render: over(() => memory('badge-error-problem', { failWith: problemError() })),
  play: async ({ canvasElement }) => {
    await inShadow(await find(canvasElement, 'confab-cert-badge'), '[part~="error"]');
  },
};

export const ErrorValidation: Story = {
  name: 'Error (validation)',
  render: over(() => memory('badge-error-validation', { failWith: validationError() })),
  play: ErrorWithProblem.play,
};

export const OfflineWithCache: Story = {
  render: over(() => memory('badge-offline')),
  play: async ({ canvasElement }) => {
    const el = await find<ConfabCertBadge>(canvasElement, 'confab-cert-badge');
    await reloadOffline(el, backendOf(canvasElement), () => el.shadowRoot?.querySelector('[part~="item"]'));
  },
};

export const LongContent: Story = {
  render: over(() => memory('badge-long', { data: longData() })),
};

export const LongContentList: Story = {
  name: 'Long content (list)',
  args: { layout: 'list' },
  render: over(() => memory('badge-long-list', { data: longData() })),
};

export const Arabic: Story = {
  ...arabic,
  name: 'Arabic (RTL)',
  render: over(() => memory('badge-ar')),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [onDark],
  render: over(() => memory('badge-dark')),
};

export const DarkVerified: Story = {
  name: 'Dark, verified and failed',
  args: { theme: 'dark', person: 'u-priya', verify: true },
  decorators: [onDark],
  loaders: [() => useFakeIssuer()],
  render: over(() => memory('badge-dark-verified')),
  play: verdicts(2),
};

export const Narrow320: Story = {
  name: '320 px wide',
  decorators: [narrow],
  render: over(() => memory('badge-narrow')),
};

export const Narrow320Compact: Story = {
  name: '320 px wide, compact',
  args: { layout: 'compact' },
  decorators: [narrow],
  render: over(() => memory('badge-narrow-compact')),
};
