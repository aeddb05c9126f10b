import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { memory, meFor } from './support/backends.js';
import { provided } from './support/story.js';

/** The documented tokens (src/styles/tokens.ts), in the order the README lists them. */
const TOKENS = [
  ['--confab-font', 'Font family. Default: inherited from the page.'],
  ['--confab-font-size', 'Base font size. Default: 15px (px on purpose: portals often set a large root font size).'],
  ['--confab-color-accent', 'Links, primary buttons, focus rings.'],
  ['--confab-color-surface', 'Background of the widget.'],
  ['--confab-color-text', 'Main text.'],
  ['--confab-color-muted', 'Secondary text: meta lines, hints.'],
  ['--confab-color-border', 'Dividers and field borders.'],
  ['--confab-color-danger', 'Errors, expired and revoked states.'],
  ['--confab-color-success', 'Solved, accepted and verified states.'],
  ['--confab-radius', 'Corner radius of cards and controls. Default: 8px.'],
  ['--confab-space', 'Spacing unit; lower it for a denser layout. Default: 8px.'],
] as const;

const ELEMENTS: Record<string, string> = {
  ConfabForumFeed: 'confab-forum-feed',
  ConfabQaBox: 'confab-qa-box',
  ConfabArticleSearch: 'confab-article-search',
  ConfabCertBadge: 'confab-cert-badge',
};

interface Named { name: string; description?: string }
interface Decl { kind?: string; name?: string; cssParts?: Named[]; cssProperties?: Named[] }

/** Every `part` (and element-specific `--confab-*` property) the elements document, read from custom-elements.json. */
function fromManifest(field: 'cssParts' | 'cssProperties'): Map<string, { tags: string[]; description: string }> {
  const out = new Map<string, { tags: string[]; description: string }>();
  for (const mod of (manifest as { modules?: { declarations?: Decl[] }[] }).modules ?? []) {
    for (const d of mod.declarations ?? []) {
      const tag = d.name ? ELEMENTS[d.name] : undefined;
      if (!tag) continue;
      for (const p of d[field] ?? []) {
        const row = out.get(p.name) ?? { tags: [], description: p.description ?? '' };
        if (!row.tags.includes(tag)) row.tags.push(tag);
        out.set(p.name, row);
      }
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

type Args = Record<string, string | boolean>;

const argTypes: Meta<Args>['argTypes'] = {};
for (const [token, description] of TOKENS) {
  const control = token.includes('color') ? 'color' : 'text';
  argTypes[token] = { control, description, table: { category: 'Tokens' } };
}
argTypes.restyleParts = {
  control: 'boolean',
  description: 'Also restyle a few parts with ::part(): uppercase buttons, bold titles, pill chips.',
  table: { category: 'Parts' },
};

const PART_CSS = `
  .theming-demo.parts-on :is(confab-forum-feed, confab-qa-box, confab-article-search, confab-cert-badge)::part(button) { text-transform: uppercase; letter-spacing: .04em; }
  .theming-demo.parts-on :is(confab-forum-feed, confab-qa-box, confab-article-search, confab-cert-badge)::part(title) { font-weight: 800; }
  .theming-demo.parts-on :is(confab-forum-feed, confab-qa-box, confab-article-search, confab-cert-badge)::part(chip) { border-radius: 999px; }
`;

const cell = 'text-align:start;padding:4px 8px;border-bottom:1px solid #d0d7de;vertical-align:top';

function tables() {
  const parts = fromManifest('cssParts');
  const own = [...fromManifest('cssProperties')].filter(([name]) => !TOKENS.some(([t]) => t === name));
  return html`<section aria-labelledby="tokens-h" style="font:14px/1.5 system-ui,sans-serif;color:#1f2328;margin-top:24px">
    <h2 id="tokens-h" style="font-size:18px">Tokens</h2>
    <table style="border-collapse:collapse;width:100%">
      <thead><tr><th scope="col" style=${cell}>Custom property</th><th scope="col" style=${cell}>What it styles</th></tr></thead>
      <tbody>
        ${TOKENS.map(([t, d]) => html`<tr><td style=${cell}><code>${t}</code></td><td style=${cell}>${d}</td></tr>`)}
        ${own.map(([t, r]) => html`<tr><td style=${cell}><code>${t}</code></td><td style=${cell}>${r.description} (${r.tags.join(', ')} only)</td></tr>`)}
      </tbody>
    </table>
    <h2 style="font-size:18px;margin-top:24px">Parts</h2>
    <table style="border-collapse:collapse;width:100%">
      <thead><tr><th scope="col" style=${cell}>Part</th><th scope="col" style=${cell}>Elements</th><th scope="col" style=${cell}>What it is (first element's words)</th></tr></thead>
      <tbody>
        ${[...parts].map(([name, r]) => html`<tr>
          <td style=${cell}><code>::part(${name})</code></td>
          <td style=${cell}>${r.tags.length === 4 ? 'all four' : r.tags.join(', ')}</td>
          <td style=${cell}>${r.description}</td>
        </tr>`)}
      </tbody>
    </table>
  </section>`;
}

const meta: Meta<Args> = {
  title: 'Guides/Theming',
  tags: ['!autodocs'],
  argTypes,
  args: { restyleParts: false },
  parameters: { layout: 'fullscreen' },
};
export default meta;

/**
 * All four elements under one wrapper whose style sets the tokens from the controls. Custom
 * properties inherit through Shadow DOM, so a portal sets them once, on any ancestor.
 */
export const Playground: StoryObj<Args> = {
  render: (args) => {
    const style: Record<string, string> = {};
    for (const [token] of TOKENS) {
      const v = args[token];
      if (typeof v === 'string' && v.trim()) style[token] = v.trim();
    }
    const backend = memory('theming', { me: meFor('u-aiko') });
    return html`${args.restyleParts ? html`<style>${PART_CSS}</style>` : nothing}
      <div class="theming-demo ${args.restyleParts ? 'parts-on' : ''}" style="padding:16px">
        ${provided(
          backend,
          html`<div style=${styleMap({ display: 'grid', gap: '16px', ...style })}>
            <div style="display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(320px,1fr))">
              <confab-forum-feed page-size="3" compose></confab-forum-feed>
              <div style="display:grid;gap:16px;align-content:start">
                <confab-article-search placeholder="Search the knowledge base"></confab-article-search>
                <confab-qa-box category="technical"></confab-qa-box>
              </div>
              <confab-cert-badge person="u-aiko" layout="list"></confab-cert-badge>
            </div>
          </div>`,
        )}
        ${tables()}
      </div>`;
  },
};

/** The same with a preset: a warm brand, square corners, a dense layout. */
export const BrandPreset: StoryObj<Args> = {
  ...Playground,
  args: {
    '--confab-font': 'Georgia, serif',
    '--confab-color-accent': '#b35900',
    '--confab-color-surface': '#fffaf3',
    '--confab-color-text': '#2b1d0e',
    '--confab-color-muted': '#6b5640',
    '--confab-color-border': '#e6d5bf',
    '--confab-color-danger': '#a4161a',
    '--confab-color-success': '#2d6a4f',
    '--confab-radius': '0px',
    '--confab-space': '6px',
    restyleParts: true,
  },
};
