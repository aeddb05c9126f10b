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
  // Files at a time. Each file runs in a browser context of its own (the launcher makes one per file),
  // so IndexedDB, storage and cookies are per file; what files share is the dev server's fakes, and
  // those keep per-file state apart: fake-rest by a path prefix per fake server, fail-modules by a
  // cookie per context, fake-issuer's counts by a fresh case name per counting test, and
  // fake-ob3-issuer has one user (cert-badge-credential). The suite waits far more than it computes
  // (one at a time: 124 s of CPU over 323 s). Still one at a time in `npm test`: there the suite runs
  // beside the server suite and e2e, off the critical path, and 3 at once took as long (265-292 s in two
  // int runs) while a keyboard test timed out once. CONFAB_BROWSER_CONCURRENCY=3 for a run on its own.
  concurrency: Number(process.env.CONFAB_BROWSER_CONCURRENCY) || 1,
  // A test's own limit, above the shared waitFor's 15 s (test/browser/core/wait.ts), so a stuck wait
  // fails with its message rather than mocha's; a passing test is not slowed by it.
  testFramework: { config: { timeout: 20000 } },
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
