// Browser tests in Debian's Chromium (no downloaded browsers: see ../shared/TOOLCHAIN.md).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { fakeRest } from './test/support/fake-rest.mjs';
import { fakeDiscourse } from './test/support/fake-discourse.mjs';
import { fakeIssuer } from './test/support/fake-issuer.mjs';
import { fakeOb3Issuer } from './test/support/fake-ob3-issuer.mjs';
import { obCasesMiddleware } from './test/support/ob-cases.mjs';
import { failModules } from './test/support/fail-modules.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig, target: 'es2022' })],
  middleware: [fakeRest(), fakeDiscourse(), fakeIssuer(), fakeOb3Issuer(), obCasesMiddleware(), failModules()],
  // One test file at a time: files share the origin's IndexedDB (drafts, outbox, cache), and two files
  // replaying or clearing each other's writes made offline tests flaky.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      // Reduced motion, as the storybook smoke runs: a control's 120 ms colour transition would
      // otherwise let axe read a halfway colour under load (CI failed once on a follow button at
      // #5f8ee2, between its two states). The end states are what the contrast rules are about.
      createBrowserContext: ({ browser }) => browser.newContext({ reducedMotion: 'reduce' }),
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  reporters: [defaultReporter(), countReporter('browser')],
};
