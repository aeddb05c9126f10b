// ARCHITECTURE's layering rule: elements render state and emit events; IndexedDB and the network
// are core's and the backends'. Fails when any file under src/elements/ mentions `indexedDB`,
// `idb-keyval` or calls a bare `fetch(` (the global one: `this.options.fetch(` is a method).
// Run: node --test test/layering/elements.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ELEMENTS = join(root, 'src/elements');

const FORBIDDEN = [
  { what: 'indexedDB', re: /\bindexedDB\b/ },
  { what: 'idb-keyval', re: /idb-keyval/ },
  { what: 'a bare fetch(', re: /(?<![\w.$])fetch\s*\(/ },
];

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|js|mjs)$/.test(entry.name)) yield path;
  }
}

/** `file:line: mentions what` for every forbidden mention in `text`. */
export function violations(file, text) {
  const found = [];
  text.split('\n').forEach((line, i) => {
    for (const { what, re } of FORBIDDEN) if (re.test(line)) found.push(`${file}:${i + 1}: mentions ${what}`);
  });
  return found;
}

test('the matcher tells a global fetch, IndexedDB and idb-keyval from what elements may write', () => {
  for (const bad of ['await fetch(url)', 'return fetch (u, init)', "import { get } from 'idb-keyval';", 'indexedDB.databases()', '(fetch(u))']) {
    assert.equal(violations('x.ts', bad).length, 1, bad);
  }
  for (const fine of ['this.options.fetch(b, signal)', 'fetch: (b, signal) => b.getThread(id)', 'prefetch(id)', 'refetch()', 'o.fetch(x)']) {
    assert.deepEqual(violations('x.ts', fine), [], fine);
  }
});

test('no file under src/elements/ touches IndexedDB or the global fetch', () => {
  const found = [];
  for (const path of sources(ELEMENTS)) {
    const file = relative(root, path).split('\\').join('/');
    found.push(...violations(file, readFileSync(path, 'utf8')));
  }
  assert.deepEqual(found, [], `move these into src/core/ or src/backends/:\n${found.join('\n')}`);
});
