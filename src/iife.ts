/**
 * `dist/confab.iife.js`: everything in one classic script, for portals that cannot use
 * `type="module"`. Same data-* attributes as the module loader; `window.confab.configure()` for options.
 */
import './auto.js';
