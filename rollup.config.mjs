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

const quiet = (warning, warn) => {
  // Lit's decorators reference `this` at module top level in some helpers; harmless.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

const deps = ['lit', '@lit/', 'ky', 'idb-keyval', 'valibot', 'marked', 'dompurify'];
const external = (id) => deps.some((d) => id === d || id.startsWith(d.endsWith('/') ? d : `${d}/`));

export default [
  {
    input: { confab: 'src/auto.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: chunkName, sourcemap: true },
    plugins: [resolve(), ts(), minify()],
    onwarn: quiet,
  },
  {
    input: 'src/iife.ts',
    output: { file: 'dist/confab.iife.js', format: 'iife', name: 'confabBundle', inlineDynamicImports: true, sourcemap: true },
    plugins: [resolve(), ts(), minify(false)],
    onwarn: quiet,
  },
  {
    input: ['src/index.ts', 'src/elements/forum-feed/define.ts', 'src/elements/qa-box/define.ts',
      'src/elements/article-search/define.ts', 'src/elements/cert-badge/define.ts', 'src/elements/provider/define.ts'],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    external,
    plugins: [ts({ declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm', rootDir: 'src' })],
    onwarn: quiet,
  },
];
