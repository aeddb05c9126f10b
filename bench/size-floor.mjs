// `node bench/size-floor.mjs`: the first-load floor that the mandated stack sets before any Confab code.
// Bundles a minimal element with each dependency added in turn (esbuild --minify, production exports,
// gzip -9) and prints the cumulative size, so the 25 KB first-load budget can be judged against it.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;

// Each step adds what a Confab element needs for its first data: Lit to render, ky for the REST call,
// idb-keyval for the stale-while-revalidate cache, valibot to validate the answer, @lit/localize to speak
// the partner's language. The element itself does next to nothing.
const steps = [
  ['Lit element (LitElement, html, css)', `import { LitElement, html, css } from 'lit';`, `fetch('/x').then((r) => r.json())`],
  ['+ ky 2 (GET with retry)', `import ky from 'ky';`, `ky('/x', { retry: { limit: 2 } }).json()`],
  ['+ idb-keyval (cache store)', `import { get, set, createStore } from 'idb-keyval';`, `.then(async (d) => { const s = createStore('a', 'b'); await set('k', d, s); return get('k', s); })`],
  ['+ valibot (object, array, string, number, nullable, pipe, maxLength, safeParse)', `import * as v from 'valibot';`,
    `.then((d) => v.safeParse(v.object({ items: v.array(v.object({ id: v.string(), title: v.pipe(v.string(), v.maxLength(200)), n: v.nullable(v.number()) })), next: v.nullable(v.string()) }), d))`],
  ['+ @lit/localize (msg, runtime configuration)', `import { msg, configureLocalization, updateWhenLocaleChanges } from '@lit/localize';`, ''],
];

function source(n) {
  const used = steps.slice(0, n + 1);
  const imports = used.map((s) => s[1]).join('\n');
  const has = (i) => n >= i;
  const call = has(1) ? steps[1][2] : steps[0][2];
  const chain = [call, ...used.slice(2).map((s) => s[2])].join('');
  return `${imports}
${has(4) ? `configureLocalization({ sourceLocale: 'en', targetLocales: ['de'], loadLocale: () => import('./de.js') });` : ''}
class X extends LitElement {
  static styles = css\`:host { display: block }\`;
  ${has(4) ? 'constructor() { super(); updateWhenLocaleChanges(this); }' : ''}
  render() { return html\`<p>${has(4) ? "${msg('Hi', { id: 'hi' })}" : 'Hi'}\${this.x}</p>\`; }
}
customElements.define('x-floor', X);
${chain}.then((d) => console.log(d));
`;
}

console.log('| step (cumulative, gzip -9) | size |\n|---|---:|');
for (let i = 0; i < steps.length; i++) {
  const out = await build({
    stdin: { contents: source(i), resolveDir: root, loader: 'js' },
    bundle: true, format: 'esm', minify: true, write: false, conditions: ['production'], external: ['./de.js'], logLevel: 'silent',
  });
  console.log(`| ${steps[i][0]} | ${(gzipSync(out.outputFiles[0].contents, { level: 9 }).length / KB).toFixed(1)} KB |`);
}
