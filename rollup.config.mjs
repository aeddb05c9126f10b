// Three builds (see README "Builds"):
//   dist/confab.js + dist/chunks/  the script-tag loader; each element is a lazy chunk, shared code in shared chunks
//   dist/confab.iife.js            one classic script with everything, for portals without type="module"
//   dist/esm/                      the library for bundlers: one file per module, dependencies left external, .d.ts
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// `production` drops Lit's dev mode from the bundles (TOOLCHAIN.md).
const resolve = () => nodeResolve({ browser: true, exportConditions: ['production'] });
const minify = (module = true) =>
  terser({ ecma: 2022, module, compress: { passes: 2 }, format: { comments: false } });
const ts = (extra = {}) =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, declarationMap: false, sourceMap: true, ...extra });

// Element chunks are named after their element (rollup would call them all "define").
// Dynamic entries often have no facade module, so look through the chunk's modules.
const chunkName = (info) => {
  for (const id of [info.facadeModuleId, ...info.moduleIds]) {
    const el = /elements\/([^/]+)\/define\.ts$/.exec(id ?? '');
    if (el) return `chunks/${el[1]}-[hash].js`;
  }
  return 'chunks/[name]-[hash].js';
};

// The IIFE fetches two rarely needed parts from the module build instead of inlining them: the
// Markdown renderer (marked + DOMPurify, ~27 KB gzip) and the four non-English catalogues (~17 KB).
// A classic script may import() ES modules; the URLs are resolved against the IIFE's own URL, so
// `dist/confab.iife.js` needs `dist/chunks/` next to it (as the module loader does). The module build
// runs first (rollup builds the configs in order) and records the hashed file names here.
const LAZY_FOR_IIFE = {
  'src/core/markdown-directive.ts': { "import('./markdown.js')": 'src/core/markdown.ts' },
  'src/core/i18n.ts': Object.fromEntries(['de', 'fr', 'ja', 'ar'].map((l) => [`import('../locales/${l}.js')`, `src/locales/${l}.ts`])),
};
const lazyFiles = new Map(); // module path (relative to the repo) -> file name in dist/

const recordLazyChunks = () => ({
  name: 'confab-record-lazy-chunks',
  generateBundle(_, bundle) {
    const wanted = new Set(Object.values(LAZY_FOR_IIFE).flatMap((m) => Object.values(m)));
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.facadeModuleId) continue;
      const rel = chunk.facadeModuleId.slice(process.cwd().length + 1);
      if (wanted.has(rel)) lazyFiles.set(rel, chunk.fileName);
    }
  },
});

const importFromModuleBuild = () => ({
  name: 'confab-iife-lazy-imports',
  transform(code, id) {
    const rel = id.slice(process.cwd().length + 1);
    const swaps = LAZY_FOR_IIFE[rel];
    if (!swaps) return null;
    for (const [from, target] of Object.entries(swaps)) {
      const file = lazyFiles.get(target);
      if (!file) this.error(`${target}: the module build (dist/confab.js) must be built before the IIFE`);
      if (!code.includes(from)) this.error(`${rel}: expected ${from}`);
      // import.meta.url in an IIFE is the script's own src, captured when the script started.
      code = code.replace(from, `import(new URL(${JSON.stringify(`./${file}`)}, import.meta.url).href)`);
    }
    return { code, map: null };
  },
});

// Lit's css`...` templates are strings terser keeps as written. Collapse their whitespace and drop
// comments (quoted strings and templates with ${} are left alone). Saves ~0.2 KB gzip in the shared
// chunk and 0.2-0.5 KB in each element's.
export const minifyCssText = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
const minifyCss = () => ({
  name: 'confab-minify-css-literals',
  transform(code, id) {
    if (!id.includes('/src/') || !/\bcss ?`/.test(code)) return null;
    const out = code.replace(/\bcss ?`([^`$\\]*)`/g, (_, text) => `css\`${minifyCssText(text)}\``);
    return out === code ? null : { code: out, map: null };
  },
});

// What every element's first load needs, whichever element it is: the REST client (ky), Lit and
// @lit/context, the element base class with its controllers, styles and states, localisation and the
// contract's shared schemas. One chunk instead of seven: one request fetched with the boot code, ahead
// of the element chunk, and one gzip stream. Left out on purpose: anything one element alone uses.
const CORE = [
  /\/node_modules\/(ky|lit|lit-html|lit-element|@lit\/reactive-element|@lit\/localize|idb-keyval|tslib|valibot)\//,
  /\/src\/(boot|backends\/rest\/(?!events)[\w-]+|contract\/(common|issues|problem|me|groups\/me)|core\/(config|context|i18n|errors|resource|cache|identity|backend-id|events)|elements\/(confab-element|define-element)|ui\/(states|error-text|theme-controller|dev-warn)|styles\/(tokens|controls))\.ts$/,
];
// A resource group's part of the endpoint table travels with its schemas (backends/rest/groups.ts).
// Parts of those packages that only some elements use stay with them (rollup places them).
const NOT_CORE = /\/(async-directive|directive|directive-helpers|directives\/[\w-]+|context-provider|value-notifier|decorators\/query[\w-]*)\.js$/;
const manualChunks = (id) => {
  if (CORE.some((re) => re.test(id)) && !NOT_CORE.test(id)) return 'core';
  const group = /\/src\/contract\/(?:groups\/)?(threads|questions|articles|certifications)\.ts$/.exec(id);
  return group ? `contract-${group[1]}` : undefined;
};

// The catalogues import only `str` from @lit/localize. Each language gets its own copy of that
// one-liner (same object shape as @lit/localize's), so a catalogue chunk imports nothing: the IIFE
// can load it without the module build's core chunk.
const catalogueStr = () => ({
  name: 'confab-catalogue-str',
  resolveId(source, importer) {
    const lang = importer && /\/src\/locales\/(?:[\w-]+\/)?(\w+)\.ts$/.exec(importer)?.[1];
    return lang && source === '@lit/localize' ? `\0confab-str-${lang}` : null;
  },
  load(id) {
    return id.startsWith('\0confab-str-') ? 'export const str = (strings, ...values) => ({ strTag: true, strings, values });' : null;
  },
});

// Endpoint summaries are for the OpenAPI document and the server; the browser builds never read them.
const dropSummaries = () => ({
  name: 'confab-drop-endpoint-summaries',
  transform(code, id) {
    if (!/\/src\/contract\/groups\/\w+\.ts$/.test(id)) return null;
    const out = code.replace(/ summary: '(?:[^'\\]|\\.)*',/g, '');
    return out === code ? null : { code: out, map: null };
  },
});

// @lit/localize hashes a message's text into an id when msg() is called without one. Confab's
// catalogues are keyed by explicit ids only (`msg('Retry', { id: 'retry' })`, see core/i18n.ts), so a
// hashed id could never match a catalogue entry: drop the hash function (~0.35 KB gzip in every first load).
const noHashedMsgIds = () => ({
  name: 'confab-no-hashed-msg-ids',
  resolveId(source, importer) {
    return source === './id-generation.js' && importer?.includes('/@lit/localize/internal/runtime-msg.js') ? '\0confab-no-msg-hash' : null;
  },
  load(id) {
    return id === '\0confab-no-msg-hash' ? "export const generateMsgId = () => '';" : null;
  },
});

// The contract's modules only define schemas. Declared side-effect free, so importing one name
// through the contract index (e.g. NewQuestion) no longer links every schema chunk in the bundle.
const treeshake = { moduleSideEffects: (id) => !/\/src\/contract\//.test(id) };

const quiet = (warning, warn) => {
  // Lit's decorators reference `this` at module top level in some helpers; harmless.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

const deps = ['lit', '@lit/', 'ky', 'idb-keyval', 'valibot', 'marked', 'dompurify', 'react'];
const external = (id) => deps.some((d) => id === d || id.startsWith(d.endsWith('/') ? d : `${d}/`));

export default [
  {
    input: { confab: 'src/auto.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: chunkName, manualChunks, sourcemap: true },
    treeshake,
    plugins: [catalogueStr(), noHashedMsgIds(), resolve(), ts(), dropSummaries(), minifyCss(), minify(), recordLazyChunks()],
    onwarn: quiet,
  },
  {
    input: 'src/iife.ts',
    output: { file: 'dist/confab.iife.js', format: 'iife', name: 'confabBundle', inlineDynamicImports: true, sourcemap: true },
    treeshake,
    plugins: [noHashedMsgIds(), resolve(), ts(), importFromModuleBuild(), dropSummaries(), minifyCss(), minify(false)],
    onwarn: quiet,
  },
  {
    input: ['src/index.ts', 'src/react/index.ts', 'src/elements/forum-feed/define.ts', 'src/elements/qa-box/define.ts',
      'src/elements/article-search/define.ts', 'src/elements/cert-badge/define.ts', 'src/elements/provider/define.ts'],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    external,
    plugins: [ts({ declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm', rootDir: 'src' })],
    onwarn: quiet,
  },
];
