// Written by hand: `npm create storybook` cannot run offline here (see ../shared/TOOLCHAIN.md).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

// msw's worker script, served at /mockServiceWorker.js next to iframe.html. Copied from the installed
// msw on every start and build, so it always matches the library version (msw warns on a mismatch).
const require = createRequire(import.meta.url);
const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');
mkdirSync(publicDir, { recursive: true });
copyFileSync(require.resolve('msw/mockServiceWorker.js'), join(publicDir, 'mockServiceWorker.js'));

// Autodocs and the MDX theming page need @storybook/addon-docs (a devDependency of its own since
// Storybook 9). Without it, build the stories alone rather than fail.
let hasDocs = true;
try {
  require.resolve('@storybook/addon-docs/package.json');
} catch {
  hasDocs = false;
  console.warn('[storybook] @storybook/addon-docs is not installed: no docs pages, no theming.mdx.');
}

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: hasDocs ? ['../stories/**/*.mdx', '../stories/**/*.stories.ts'] : ['../stories/**/*.stories.ts'],
  staticDirs: ['./public'],
  addons: hasDocs ? ['@storybook/addon-docs'] : [],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
  // Storybook's own preview bundle is large; the SDK's size budget is checked by bench/size.mjs instead.
  viteFinal: (vite) => ({ ...vite, build: { ...vite.build, chunkSizeWarningLimit: 2000 } }),
};
export default config;
