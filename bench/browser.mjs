// Debian's Chromium through playwright-core: no downloaded browsers on these machines.
import { chromium } from 'playwright-core';

export const LAUNCH_OPTIONS = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/**
 * A Chromium to open contexts in. With CONFAB_BROWSER_WS set (test/e2e/run.mjs starts one Chromium
 * for all its files), a connection to that browser: its `close()` closes the contexts this caller made
 * and disconnects, as a launched browser's closes it. Otherwise a Chromium of its own.
 */
export function launch() {
  const ws = process.env.CONFAB_BROWSER_WS;
  return ws ? chromium.connect(ws) : chromium.launch(LAUNCH_OPTIONS);
}
