// Waiting for a server-side effect, polled from Node. Playwright's page.waitForFunction does not
// wait on an async predicate: the Promise it gets back is truthy, so it returns after the first
// call whatever the answer. Checks that need a fetch go through here instead.

/** Calls `probe` until it returns a truthy value and returns that value; fails after `timeout` ms naming `what`. */
export async function eventually(probe, what, { timeout = 20_000, every = 150 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
