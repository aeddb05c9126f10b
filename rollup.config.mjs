// Three builds (see README "Builds"):
//   dist/confab.js + dist/chunks/  the script-tag loader; each element is a lazy chunk, shared code in shared chunks
//   dist/confab.iife.js + dist/iife/ one classic script with every element, for portals without type="module";
//                                  parts opened on demand are ES chunks it import()s
//   dist/esm/                      the library for bundlers: one file per module, dependencies left external, .d.ts
//
// Source maps are not in the npm package (package.json `files`): with their sources inlined they would
// more than triple the tarball (measured: 0.51 MB without maps, +1.17 MB gzip of maps with sources),
// and without the sources they point at src/, which is not shipped. The bundles keep "hidden" maps (no sourceMappingURL comment, so nothing in the package
// points at a missing file) with their sources inlined: self-contained, for an error tracker or for
// loading by hand in DevTools. The ESM build has none: it is tsc's readable output, one file per
// module, and the adopter's bundler maps its own output to it.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// `production` drops Lit's dev mode from the bundles (TOOLCHAIN.md).
const resolve = () => nodeResolve({ browser: true, exportConditions: ['production'] });
const minify = (module = true) =>
  terser({ ecma: 2022, module, compress: { passes: 2 }, format: { comments: false } });
const ts = (extra = {}) =>
  typescript({ tsconfig: './tsconfig.json', noCheck: true, declaration: false, declarationMap: false, sourceMap: true, inlineSources: true, ...extra });

// Lazy parts (src/elements/README.md): every module under src/elements/<name>/parts/ is loaded on demand
// through core/lazy-part.ts, never statically from outside parts/. The builds follow the folder, not a
// list of files: no part goes into the core chunk, an element's first chunk or the classic script, and
// a build that finds a part imported statically from outside parts/ fails instead of growing a first load.
const LAZY_PART = /\/src\/elements\/[\w-]+\/parts\/[\w-]+\.ts$/;
const isLazyPart = (id) => LAZY_PART.test(id ?? '');
export const lazyParts = () => ({
  name: 'confab-lazy-parts',
  buildEnd(error) {
    if (error) return;
    const rel = (id) => id.slice(id.lastIndexOf('/src/') + 1);
    for (const id of this.getModuleIds()) {
      if (!isLazyPart(id)) continue;
      for (const importer of this.getModuleInfo(id)?.importers ?? []) {
        if (!/\/src\/elements\/[\w-]+\/parts\//.test(importer)) {
          this.error(`${rel(id)} is a lazy part, but ${rel(importer)} imports it statically: load it with LazyPart (core/lazy-part.ts)`);
        }
      }
    }
  },
});

// Hashes of 6 characters (36 bits; rollup's default is 8): a chunk's name is in the loader's preload
// manifest and in every import of it, where gzip cannot shrink it, and the four elements' first load
// carries 15 of them; 2 characters fewer each saved 123 B gzip there. The reference server's immutable
// rule matches this length (server/src/routes/portal.ts).
// Element chunks are named after their element (rollup would call them all "define"); a part's chunk
// keeps its module's name (`panels`, `live`): tests and hosts' routing rules tell the two apart by it.
// Dynamic entries often have no facade module, so look through the chunk's modules.
const chunkName = (info) => {
  for (const id of [info.facadeModuleId, ...info.moduleIds]) {
    const el = /elements\/([^/]+)\/define\.ts$/.exec(id ?? '');
    if (el) return `chunks/${el[1]}-[hash:6].js`;
  }
  return 'chunks/[name]-[hash:6].js';
};

// The IIFE. A classic script cannot import modules statically, but it can import() them. Everything an
// element needs for its first view (loader, boot, runtime, each element's first chunk, the contract
// groups they call first) is in the one classic script; the parts a partner opens on demand (every module
// under elements/*/parts/, the Markdown renderer, catalogues) are ES chunks in
// dist/iife/ that it import()s when first needed. Those chunks use the script's own instances of Lit,
// the config and the outbox through a registry keyed by the build (two different builds on one page
// never share one). Exports are handed over as getters and read when a chunk first runs,
// which is after boot. Of what the chunks import only @lit/localize's msg is reassigned, by
// configureLocalization(), which boot runs before any element renders, so before any chunk can load.
const IIFE_ENTRY = 'confab.iife.js';
const IIFE_MAIN_ROOTS =
  /\/src\/(iife|auto|boot)\.ts$|\/src\/elements\/[\w-]+\/define\.ts$|\/src\/contract\/groups\/(threads|questions|articles|certifications|me)\.ts$/;
let iifeMain; // module ids that go into the classic script: everything the roots import statically
const iifeManualChunks = (id, { getModuleIds, getModuleInfo }) => {
  if (!iifeMain) {
    iifeMain = new Set();
    const queue = [...getModuleIds()].filter((m) => IIFE_MAIN_ROOTS.test(m));
    while (queue.length) {
      const m = queue.pop();
      if (iifeMain.has(m) || isLazyPart(m)) continue; // a part is an ES chunk the script import()s
      iifeMain.add(m);
      queue.push(...(getModuleInfo(m)?.importedIds ?? []));
    }
  }
  return iifeMain.has(id) ? 'confab.iife' : undefined;
};
// Keyed by the build, not by a URL: a script served through a redirect (a CDN's "latest" path) has a
// different URL than its chunks see, and one URL may serve two builds over time. The same build on a
// page twice shares the first registry, whose copy defined the elements.
const registry = (buildId) => `globalThis[Symbol.for(${JSON.stringify(`confab.iife:${buildId}`)})]`;
const ENTRY_IMPORT = new RegExp(`import\\s*(?:\\{([^}]*)\\}\\s*from\\s*)?["']\\.\\./${IIFE_ENTRY.replace(/\./g, '\\.')}["'];?`);

const iifeRegistry = () => ({
  name: 'confab-iife-registry',
  buildStart() {
    iifeMain = undefined;
  },
  // In the classic script, import.meta.url and relative import()s mean the script's own URL.
  resolveImportMeta: (property, { chunkId }) => (chunkId === IIFE_ENTRY && property === 'url' ? '__confabBase' : null),
  renderDynamicImport: ({ chunk, targetChunk }) =>
    chunk.fileName === IIFE_ENTRY && targetChunk ? { left: 'import(new URL(', right: ',__confabBase).href)' } : null,
  // After terser. Edits keep every original column (imports are blanked, lines are prepended), so the
  // source maps stay right with one `;` per added line, in the .map files rollup has already emitted.
  generateBundle(_, bundle) {
    const entry = bundle[IIFE_ENTRY];
    if (entry?.type !== 'chunk') this.error(`${IIFE_ENTRY} missing`);
    // The classic script preloads nothing (its chunks are not modules): the loader's read of the preload
    // manifest becomes `undefined` here, same length, rather than a global a page's markup could set
    // (an element with id="__CONFAB_PRELOADS__" is one).
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk') chunk.code = chunk.code.split(PRELOAD_MARKER).join('void 0'.padEnd(PRELOAD_MARKER.length));
    }
    const buildId = createHash('sha256').update(entry.code).digest('base64url').slice(0, 16);
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const addLine = (line) => {
        chunk.code = `${line}\n${chunk.code}`;
        const asset = bundle[chunk.sourcemapFileName ?? `${chunk.fileName}.map`];
        if (asset?.type !== 'asset') return;
        const map = JSON.parse(String(asset.source));
        map.mappings = `;${map.mappings}`;
        asset.source = JSON.stringify(map);
      };
      if (chunk === entry) {
        if (chunk.imports.length) this.error(`${IIFE_ENTRY} must not import statically: ${chunk.imports.join(', ')}`);
        const exp = /export\s*\{([^}]*)\};?(?=\s*(?:\/\/# sourceMappingURL=\S*\s*)?$)/.exec(chunk.code);
        const getters = (exp?.[1] ?? '')
          .split(',')
          .filter(Boolean)
          .map((spec) => {
            const [local, name = local] = spec.trim().split(/\s+as\s+/);
            if (!/^[\w$]+$/.test(local) || !/^[\w$]+$/.test(name)) this.error(`${IIFE_ENTRY}: unexpected export "${spec}"`);
            return `get ${JSON.stringify(name)}(){return ${local}}`;
          });
        const body = exp ? chunk.code.slice(0, exp.index) : chunk.code;
        const rest = exp ? chunk.code.slice(exp.index + exp[0].length) : '';
        chunk.code = `${body}${registry(buildId)}??={${getters.join(',')}};})();${rest}`;
        addLine('(()=>{"use strict";var __confabBase=document.currentScript&&document.currentScript.src||location.href;');
        continue;
      }
      const imp = ENTRY_IMPORT.exec(chunk.code);
      if (imp) {
        chunk.code = chunk.code.slice(0, imp.index) + ' '.repeat(imp[0].length) + chunk.code.slice(imp.index + imp[0].length);
        const names = (imp[1] ?? '').split(',').filter(Boolean).map((spec) => spec.trim().replace(/\s+as\s+/, ':'));
        if (names.length) addLine(`const{${names.join(',')}}=${registry(buildId)};`);
      }
      // Any other way of reaching the entry (a second import, import(), a namespace import) would load the
      // classic script again as a module: refuse to build rather than ship that.
      if (chunk.code.includes(IIFE_ENTRY)) this.error(`${chunk.fileName}: reaches ${IIFE_ENTRY} in a way the registry does not handle`);
    }
  },
});

// modulepreload (issue 18, "faster first content"). Without it an element's first load is a chain:
// the loader imports boot, whose imports are found only once it has arrived, then the element's chunk,
// whose own imports are found only once that has arrived. The import graph is known here, so the loader
// gets it: for each element, every chunk of boot's static import graph and then of the element's. When
// the loader sees a tag it adds one <link rel="modulepreload"> per chunk, and the browser fetches them
// side by side. The loader reads `globalThis.__CONFAB_PRELOADS__`; this replaces that expression in
// dist/confab.js with { tag: "name name ..." } (chunk names under chunks/ without .js). Kept that plain
// because every byte of it is in every first load: a string per tag needs no index table or lookup code
// in the loader, and gzip stores a name repeated across tags (core, shared chunks) as a back-reference.
// Left unreplaced (the IIFE, tests that import src/auto.ts) it reads undefined: nothing is preloaded.
export const PRELOAD_MARKER = 'globalThis.__CONFAB_PRELOADS__';
/** `FIRST_CALLS` of src/boot.ts, read from its source ({ 'confab-x': ['group', ...] }), or null if not found there. */
export const firstCallsOf = (source) => {
  const body = /const FIRST_CALLS\b[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1];
  if (!body) return null;
  const out = {};
  for (const [, tag, list] of body.matchAll(/'(confab-[\w-]+)':\s*\[([^\]]*)\]/g)) out[tag] = [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]);
  return Object.keys(out).length ? out : null;
};
export const preloadManifest = () => ({
  name: 'confab-preload-manifest',
  generateBundle(_, bundle) {
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
    if (!entry || !entry.code.includes(PRELOAD_MARKER)) this.error(`the loader no longer reads ${PRELOAD_MARKER}`);
    const chunks = Object.values(bundle).filter((c) => c.type === 'chunk' && c.isDynamicEntry);
    const byModule = (re) => chunks.find((c) => [c.facadeModuleId, ...c.moduleIds].some((id) => re.test(id ?? '')));
    // Every chunk of `chunk`'s static import graph, the chunk first; the loader itself is not fetched again.
    const closure = (chunk, seen = new Set()) => {
      const walk = (name) => {
        if (seen.has(name) || name === entry.fileName) return;
        seen.add(name);
        for (const dep of bundle[name]?.imports ?? []) walk(dep);
      };
      walk(chunk.fileName);
      return seen;
    };
    const boot = byModule(/\/src\/boot\.ts$/);
    if (!boot) this.error('no boot chunk');
    const name = (file) => {
      const m = /^chunks\/([\w-]+)\.js$/.exec(file);
      if (!m) this.error(`preload manifest: ${file} is not a chunks/<name>.js file`);
      return m[1];
    };
    // The contract groups boot.ts starts for a tag (FIRST_CALLS) come last: without them in the list they
    // were fetched only once boot had run, and an element's first request waited for its schemas.
    const bootId = boot.moduleIds.find((id) => /\/src\/boot\.ts$/.test(id));
    const firstCalls = firstCallsOf(readFileSync(bootId, 'utf8'));
    if (!firstCalls) this.error('preload manifest: FIRST_CALLS not found in src/boot.ts');
    const manifest = {};
    for (const chunk of chunks) {
      const el = [chunk.facadeModuleId, ...chunk.moduleIds].map((id) => /\/src\/elements\/([\w-]+)\/define\.ts$/.exec(id ?? '')).find(Boolean);
      if (!el) continue;
      const tag = `confab-${el[1]}`;
      const seen = closure(chunk, closure(boot));
      for (const group of firstCalls[tag] ?? []) {
        const groupChunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith(`/src/contract/groups/${group}.ts`)));
        if (!groupChunk) this.error(`preload manifest: no chunk holds the contract group "${group}" that boot.ts starts for <${tag}>`);
        closure(groupChunk, seen);
      }
      manifest[tag] = [...seen].map(name).join(' ');
    }
    if (Object.keys(manifest).length < 8) this.error(`preload manifest: only ${Object.keys(manifest).join(', ')}`);
    // The manifest goes on a line of its own before the code and the marker becomes a name of the same
    // length, so every column of the loader stays where its source map (already written) says.
    const NAME = '__P';
    if (entry.code.includes(NAME)) this.error(`the loader already uses ${NAME}`);
    entry.code = `var ${NAME}=${JSON.stringify(manifest)};\n${entry.code.split(PRELOAD_MARKER).join(NAME.padEnd(PRELOAD_MARKER.length))}`;
    const map = bundle[entry.sourcemapFileName ?? `${entry.fileName}.map`];
    if (map?.type === 'asset') {
      const json = JSON.parse(String(map.source));
      json.mappings = `;${json.mappings}`;
      map.source = JSON.stringify(json);
    }
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
  /\/src\/(boot|backends\/rest\/(?!events)[\w-]+|contract\/(common|issues|problem|me|groups\/me)|core\/(config|context|i18n|errors|resource|cache|cache-mirror|identity|backend-id|events|load-once|lazy-part)|elements\/(confab-element|define-element)|ui\/(states|error-text|theme-controller|dev-warn)|styles\/(tokens|controls))\.ts$/,
];
// A resource group's part of the endpoint table travels with its schemas (backends/rest/groups.ts).
// Parts of those packages that only some elements use stay with them (rollup places them).
const NOT_CORE = /\/(async-directive|directive|directive-helpers|directives\/[\w-]+|context-provider|value-notifier|decorators\/query[\w-]*)\.js$/;
const manualChunks = (id) => {
  if (isLazyPart(id)) return undefined; // rollup gives each part (and what only parts share) chunks of their own
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
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: chunkName, manualChunks, sourcemap: 'hidden' },
    treeshake,
    plugins: [lazyParts(), catalogueStr(), noHashedMsgIds(), resolve(), ts(), dropSummaries(), minifyCss(), minify(), preloadManifest()],
    onwarn: quiet,
  },
  {
    input: { 'confab.iife': 'src/iife.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'iife/[name]-[hash].js', manualChunks: iifeManualChunks, sourcemap: 'hidden' },
    treeshake,
    plugins: [lazyParts(), catalogueStr(), noHashedMsgIds(), resolve(), ts(), dropSummaries(), minifyCss(), minify(), iifeRegistry()],
    onwarn: quiet,
  },
  {
    // Every module an `exports` entry of package.json points at (the pack test checks they exist).
    input: ['src/index.ts', 'src/contract/index.ts', 'src/react/index.ts', 'src/elements/forum-feed/define.ts', 'src/elements/qa-box/define.ts',
      'src/elements/article-search/define.ts', 'src/elements/cert-badge/define.ts', 'src/elements/provider/define.ts',
      'src/backends/discourse/index.ts', 'src/elements/notifications/define.ts',
      'src/elements/mod-queue/define.ts'],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: false },
    external,
    plugins: [ts({ declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm', rootDir: 'src', sourceMap: false, inlineSources: false })],
    onwarn: quiet,
  },
];
