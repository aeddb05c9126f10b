/**
 * `dist/confab.iife.js`: every element in one classic script, for portals that cannot use
 * `type="module"`. Same data-* attributes as the module loader; `window.confab.configure()` for options.
 */
import './auto.js';
