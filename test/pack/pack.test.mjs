// The package as npm publishes it: `npm pack` of the built tree (run `npm run build` first; the pack
// skips `prepack` so that `npm test` does not build twice), then publint and @arethetypeswrong/cli on
// the tarball, and a check that every file package.json points at is in it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packTarball } from './tarball.mjs';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
let tarball;
/** Paths inside the tarball, without the `package/` prefix. */
let files;

before(() => {
  assert.ok(existsSync(new URL('dist/esm/index.js', root)), 'dist/ is built (npm run build)');
  // Packed afresh; the consumers step (test/consumers/) then installs this same tarball.
  const info = packTarball();
  tarball = info.tarball;
  files = new Set(info.files.map((f) => f.path));
  console.log(`packed ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked`);
});

test('publint finds nothing in the tarball, not even a suggestion', async () => {
  const { messages, pkg: packed } = await publint({ pack: { tarball: readFileSync(tarball).buffer }, level: 'suggestion', strict: true });
  assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, packed, { color: false })}`), []);
});

test('arethetypeswrong: every entry point, each element define/* included, resolves with types (profile esm-only)', () => {
  // esm-only: Confab ships ES modules only ("type": "module", no require condition), so the two
  // CommonJS resolutions (node10, node16 from CJS) are out of scope; node16 from ESM and bundler count.
  // The wildcard ./define/* is listed once per element, which attw cannot expand by itself.
  // The JSON entries are data, not modules: there is nothing to type.
  const defines = elementsWithDefine().map((el) => `./define/${el}`);
  try {
    execFileSync('npx', ['attw', tarball, '--profile', 'esm-only', '--format', 'table', '--no-color', '--no-emoji',
      '--include-entrypoints', ...defines, '--exclude-entrypoints', './custom-elements.json', './package.json'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`attw reports problems:\n${e.stdout}${e.stderr}`);
  }
});

/** Elements that have a define.ts: the names ./define/* stands for. */
function elementsWithDefine() {
  const elements = readdirSync(new URL('src/elements/', root), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`src/elements/${d.name}/define.ts`, root)))
    .map((d) => d.name);
  assert.ok(elements.length >= 5, `elements found: ${elements.join(', ')}`);
  return elements;
}

/** Every file an `exports` target names; a `*` target is expanded once per element that has a define.ts. */
function exportTargets() {
  const elements = elementsWithDefine();
  const targets = [];
  const walk = (value, key) => {
    if (typeof value === 'string') targets.push(...(value.includes('*') ? elements.map((el) => value.replace('*', el)) : [value]).map((t) => [key, t]));
    else for (const [condition, v] of Object.entries(value)) walk(v, `${key} ${condition}`);
  };
  for (const [subpath, value] of Object.entries(pkg.exports)) walk(value, subpath);
  return targets;
}

test('the tarball holds every file that exports, main, module, types and customElements point at', () => {
  const targets = [...exportTargets(), ...['main', 'module', 'types', 'customElements'].map((k) => [k, pkg[k]])];
  assert.ok(targets.length > 20, `${targets.length} targets`);
  const missing = targets.filter(([, t]) => !files.has(t.replace(/^\.\//, ''))).map(([k, t]) => `${k} -> ${t}`);
  assert.deepEqual(missing, []);
});

test('the tarball has its licence and OpenAPI document, and no source maps (they would point at src/, not shipped)', () => {
  for (const f of ['LICENSE', 'README.md', 'openapi.json', 'custom-elements.json']) assert.ok(files.has(f), `${f} is in the package`);
  assert.match(readFileSync(new URL('LICENSE', root), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 Confab contributors\n/);
  const openapi = JSON.parse(readFileSync(new URL('openapi.json', root), 'utf8'));
  assert.match(openapi.openapi, /^3\./);
  assert.deepEqual([...files].filter((f) => f.endsWith('.map')), []);
  assert.deepEqual([...files].filter((f) => !/^(dist\/|LICENSE$|README\.md$|package\.json$|openapi\.json$|custom-elements\.json$)/.test(f)), [], 'nothing outside dist/ but the listed files');
});

test('no shipped script names a source map (none is shipped)', () => {
  const scripts = [...files].filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 50);
  const pointing = scripts.filter((f) => /\/\/# sourceMappingURL=/.test(readFileSync(new URL(f, root), 'utf8')));
  assert.deepEqual(pointing, []);
});

test('confab/discourse: the Discourse adapter is an entry point of its own, with types', () => {
  assert.deepEqual(pkg.exports['./discourse'], { types: './dist/esm/backends/discourse/index.d.ts', default: './dist/esm/backends/discourse/index.js' });
  assert.match(readFileSync(new URL('dist/esm/backends/discourse/index.js', root), 'utf8'), /export \{ DiscourseBackend \}/);
  assert.match(readFileSync(new URL('dist/esm/backends/discourse/index.d.ts', root), 'utf8'), /DiscourseBackendOptions/);
});
