import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Autodocs read the manifest that `npm run build` generates from the elements' JSDoc.
import manifest from '../custom-elements.json';
import { ConfabForumFeed } from '../src/elements/forum-feed/forum-feed.js';
import { ConfabQaBox } from '../src/elements/qa-box/qa-box.js';
import { ConfabArticleSearch } from '../src/elements/article-search/article-search.js';
import { ConfabCertBadge } from '../src/elements/cert-badge/cert-badge.js';
import { ConfabNotifications } from '../src/elements/notifications/notifications.js';
import { ConfabProvider } from '../src/core/provider.js';
import { ConfabInsights } from '../src/elements/insights/insights.js';
import { ConfabModQueue } from '../src/elements/mod-queue/mod-queue.js';

// Registered here, by explicit calls: package.json's `sideEffects` names only dist/ files, so the
// bundler would drop a bare `import '../src/elements/x/define.js'` from a story.
ConfabProvider.define('confab-provider');
ConfabForumFeed.define('confab-forum-feed');
ConfabQaBox.define('confab-qa-box');
ConfabArticleSearch.define('confab-article-search');
ConfabCertBadge.define('confab-cert-badge');
ConfabNotifications.define('confab-notifications');
ConfabInsights.define('confab-insights');
ConfabModQueue.define('confab-mod-queue');

interface Declaration {
  kind?: string;
  members?: { privacy?: string; name?: string }[];
  name?: string;
  tagName?: string;
  customElement?: boolean;
}

/**
 * Elements register through `static define(tag)` rather than `customElements.define`, so the analyzer
 * finds a tag only where the class JSDoc has `@tag`. Fill in the SDK's tags for the classes that lack
 * one, so every element gets its docs page (attributes, properties, events, parts, CSS properties).
 */
const TAGS: Record<string, string> = {
  ConfabForumFeed: 'confab-forum-feed',
  ConfabQaBox: 'confab-qa-box',
  ConfabArticleSearch: 'confab-article-search',
  ConfabCertBadge: 'confab-cert-badge',
  ConfabProvider: 'confab-provider',
  ConfabNotifications: 'confab-notifications',
  ConfabInsights: 'confab-insights',
  ConfabModQueue: 'confab-mod-queue',
};
for (const mod of (manifest as { modules?: { declarations?: Declaration[] }[] }).modules ?? []) {
  for (const d of mod.declarations ?? []) {
    const tag = d.kind === 'class' && d.name ? TAGS[d.name] : undefined;
    if (tag && !d.tagName) Object.assign(d, { tagName: tag, customElement: true });
    // Private and protected members (@state fields, controllers) are not API: keep them out of the tables.
    if (tag && d.members) d.members = d.members.filter((m) => (!m.privacy || m.privacy === 'public') && !m.name?.startsWith('_'));
  }
}
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};
export default preview;
