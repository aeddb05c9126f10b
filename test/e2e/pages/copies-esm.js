// A vendor app that bundles its own Confab (the library build) and registers the feed under its own tag.
import { ConfabForumFeed, RestBackend, configure } from '../../../dist/esm/index.js';

configure({ backend: new RestBackend({ baseUrl: '/api' }) });
ConfabForumFeed.define('acme-feed');
// Defining the same tag again with the same class is a no-op, not an exception.
ConfabForumFeed.define('acme-feed');
window.__bundledFeed = ConfabForumFeed;
