// The layering rules issue 12 added to ARCHITECTURE.md, checked on the source text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
// Comments say why, and may mention fetch; only code counts.
const code = (file: string) => readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
const GLOBAL_FETCH = /(^|[^\w.$])fetch\s*\(|\b(window|globalThis|self)\.fetch\b/m;

test('no file under src/elements/ calls fetch: elements get their fetcher from core or the backend', () => {
  const offenders = tsFiles('src/elements').filter((f) => GLOBAL_FETCH.test(code(f)));
  assert.deepEqual(offenders, []);
});

test('src/openbadges/ is pure: no global fetch, no DOM, no Node APIs (the fetcher and hashes are injected)', () => {
  const files = tsFiles('src/openbadges').filter((f) => !f.startsWith('src/openbadges/ob3/'));
  assert.ok(files.some((f) => f.endsWith('verify-hosted.ts')));
  for (const f of files) {
    const text = code(f);
    assert.doesNotMatch(text, GLOBAL_FETCH, f);
    assert.doesNotMatch(text, /\b(document|window|localStorage|indexedDB|navigator)\.|crypto\.subtle/, f);
    assert.doesNotMatch(text, /from '(node:|\.\.\/(core|elements|backends|ui)\/)/, f);
  }
});

test('server/ imports only src/contract/, src/openbadges/ and src/demo-data/ of src/', () => {
  const offenders = tsFiles('server/src').flatMap((f) =>
    [...code(f).matchAll(/from '((?:\.\.\/)+src\/([^/']+)[^']*)'/g)].filter((m) => !['contract', 'openbadges', 'demo-data'].includes(m[2])).map((m) => `${f}: ${m[1]}`),
  );
  assert.deepEqual(offenders, []);
});
