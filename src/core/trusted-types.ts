/**
 * The one Trusted Types policy Confab creates, named `confab`, so that a portal with
 * `require-trusted-types-for 'script'; trusted-types confab lit-html` runs Confab with zero violations.
 *
 * The policy passes HTML through only while Confab's own sanitizer is running (DOMPurify needs a
 * TrustedHTML to parse the dirty string it is about to clean). At any other time it throws, so the
 * policy, though reachable, is no gadget for turning arbitrary strings into TrustedHTML.
 */

/** The structural slice of TrustedTypePolicy we use (lib.dom may not declare Trusted Types). */
export interface ConfabPolicy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}

interface Shared {
  policy: ConfabPolicy;
  /** Runs `fn` with the policy unlocked. Shared so a second copy of Confab can use the first copy's policy. */
  run<R>(fn: () => R): R;
}

// Two copies of Confab on one page cannot both create `confab` (without 'allow-duplicates'), so the
// first one leaves its policy here for the others.
const GLOBAL_KEY = Symbol.for('confab.trusted-types');

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML?: (s: string) => string; createScriptURL?: (s: string) => string }): ConfabPolicy;
}

let shared: Shared | null | undefined;
// When the page's CSP forbids the name, creating it again would only report the same violation again.
let refused: unknown;

/**
 * The `confab` policy and its unlock, or null where the browser has no Trusted Types (then plain
 * strings are fine everywhere). Throws when the page's CSP does not allow a policy named `confab`;
 * callers then show Markdown as plain text.
 */
export function confabPolicy(): Shared | null {
  if (shared !== undefined) return shared;
  if (refused) throw refused;
  const g = globalThis as unknown as Record<symbol, Shared | undefined> & { trustedTypes?: TrustedTypesFactory };
  if (!g.trustedTypes) return (shared = null);
  const existing = g[GLOBAL_KEY];
  if (existing) return (shared = existing);
  let unlocked = 0;
  let policy: ConfabPolicy;
  try {
    policy = g.trustedTypes.createPolicy('confab', {
      createHTML: (s) => {
        if (unlocked > 0) return s;
        throw new TypeError('The confab Trusted Types policy only serves Confab\'s sanitizer.');
      },
      createScriptURL: () => {
        throw new TypeError('Confab never creates script URLs.');
      },
    });
  } catch (e) {
    refused = e;
    throw e;
  }
  const created: Shared = {
    policy,
    run(fn) {
      unlocked++;
      try {
        return fn();
      } finally {
        unlocked--;
      }
    },
  };
  Object.defineProperty(g, GLOBAL_KEY, { value: created, configurable: false, writable: false });
  return (shared = created);
}
