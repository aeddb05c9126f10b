// Reads the custom-elements.json that `npm run build` wrote and checks it against the sources: each
// element lists every `--confab-*` token and every part that the code it loads reads or renders,
// each event carries its detail type, and enumerated attributes are unions of their values.
// Run after a build: node --test test/manifest/custom-elements.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, path: m.path })));

/**
 * The code an element loads: its module and, through every import (static, lazy or re-export; type-only
 * imports aside), the top-level declarations it uses. A file is split into its top-level declarations
 * so that a shared file (ui/states.ts has `avatar` beside `errorState`) counts only for the helpers an
 * element imports by name; a lazy `import()` or a re-export takes the whole file. Comments are dropped.
 */
function closure(entry) {
  const used = new Map(); // file -> Set of names, '*' for all
  const queue = [[entry, '*']];
  const out = [];
  while (queue.length) {
    const [file, name] = queue.shift();
    const names = used.get(file) ?? new Set();
    if (names.has(name) || names.has('*')) continue;
    used.set(file, names.add(name));
    const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const chunks = text.split(/^(?=(?:export\s+)?(?:async\s+)?(?:function|const|class|let)\s)/m);
    const declared = (chunk) => /^(?:export\s+)?(?:async\s+)?(?:function|const|class|let)\s+(\w+)/.exec(chunk)?.[1];
    // The wanted declaration, every declaration that is not exported (helpers it may call), and the imports.
    const picked = chunks.filter((c) => name === '*' || declared(c) === name || !/^export\s/.test(c) || !declared(c));
    out.push(picked.join('\n'));
    const resolve = (spec) => {
      const ts = relative(root, join(root, dirname(file), spec)).replace(/\.js$/, '.ts');
      return existsSync(join(root, ts)) ? ts : null;
    };
    for (const m of text.matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+'(\.[^']+)'/gms)) {
      const target = resolve(m[2]);
      if (!target) continue;
      const braces = /\{([^}]*)\}/.exec(m[1]);
      const named = braces ? braces[1].split(',').map((x) => x.trim()).filter((x) => x && !x.startsWith('type ')).map((x) => x.split(/\s+as\s+/)[0]) : [];
      const whole = !braces || /^\s*\w+\s*,|\*\s+as/.test(m[1]);
      for (const n of whole ? ['*'] : named) queue.push([target, n]);
    }
    const wholeFiles = [
      ...[...text.matchAll(/^export\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]),
      ...[...text.matchAll(/^import\s+'(\.[^']+)'/gm)].map((m) => m[1]),
      ...[...text.matchAll(/(?<!typeof\s+)\bimport\('(\.[^']+)'\)/g)].map((m) => m[1]),
    ];
    for (const spec of wholeFiles) {
      const target = resolve(spec);
      if (target) queue.push([target, '*']);
    }
  }
  return out;
}

/** Names missing from the manifest, and names it lists that the code never uses: both must be empty. */
function compare(listed, used) {
  return { missing: [...used].filter((n) => !listed.includes(n)).sort(), unused: listed.filter((n) => !used.has(n)).sort() };
}

const tokensRead = (sources) => new Set(sources.flatMap((s) => [...s.matchAll(/var\((--confab-[\w-]+)/g)].map((m) => m[1])));
const partsRendered = (sources) => new Set(sources.flatMap((s) => [...s.matchAll(/\spart="([^"$]+)"/g)].flatMap((m) => m[1].split(/\s+/))));
const eventsEmitted = (sources) => new Set(sources.flatMap((s) => [...s.matchAll(/\bemit\(\s*[\w.]+,\s*'(confab-[\w-]+)'/g)].map((m) => m[1])));

// The detail of each event, as src/core/events.ts declares it (one entry per line).
const eventsSource = readFileSync(join(root, 'src/core/events.ts'), 'utf8');
const details = new Map([...eventsSource.matchAll(/^\s+'(confab-[\w-]+)': (\{.*\});$/gm)].map((m) => [m[1], m[2]]));

// Enumerated attributes and their values, as README and the `as const` lists state them.
const enums = {
  theme: ['light', 'dark', 'auto'],
  sort: ['latest', 'top', 'unanswered'],
  layout: ['card', 'list', 'compact'],
  mode: ['popup', 'inline'],
  filter: ['all', 'flagged', 'held'],
};
const union = (values) => values.map((x) => `'${x}'`).join(' | ');
// A type text an IDE can show without resolving names: primitives and quoted literals only.
const selfContained = (text) => text.split('|').every((t) => /^\s*('[^']*'|string|number|boolean|undefined|null)\s*$/.test(t));

const tags = elements.map((e) => e.tagName).sort();
test('the manifest has the six elements', () => {
  assert.deepEqual(tags, ['confab-article-search', 'confab-cert-badge', 'confab-forum-feed', 'confab-insights', 'confab-mod-queue', 'confab-notifications', 'confab-provider', 'confab-qa-box']);
});

for (const el of elements) {
  describe(el.tagName, () => {
    const sources = closure(el.path);

    test('lists every --confab-* token it reads, and no other', () => {
      const listed = (el.cssProperties ?? []).map((p) => p.name);
      assert.equal(new Set(listed).size, listed.length, 'no token twice');
      assert.deepEqual(compare(listed, tokensRead(sources)), { missing: [], unused: [] });
      for (const p of el.cssProperties ?? []) assert.ok(p.description, `${p.name} has a description`);
    });

    test('lists every part it renders, and no other', () => {
      // The scan reads `part="…"` literally, which holds only while no template binds `part=${…}`.
      for (const s of sources) assert.doesNotMatch(s, /\spart=\$\{/, 'a part name is bound dynamically: list it by hand here');
      const listed = (el.cssParts ?? []).map((p) => p.name);
      assert.equal(new Set(listed).size, listed.length, 'no part twice');
      assert.deepEqual(compare(listed, partsRendered(sources)), { missing: [], unused: [] });
    });

    test('lists every event it fires, each with its detail type', () => {
      const listed = (el.events ?? []).map((e) => e.name);
      assert.deepEqual(compare(listed, eventsEmitted(sources)), { missing: [], unused: [] });
      for (const e of el.events ?? []) {
        assert.ok(details.has(e.name), `${e.name} is declared in src/core/events.ts`);
        assert.equal(e.type?.text, `CustomEvent<${details.get(e.name)}>`, e.name);
      }
    });

    test('enumerated attributes are unions of their values; every attribute type is self-contained', () => {
      for (const a of el.attributes ?? []) {
        assert.ok(a.type?.text, `${a.name} has a type`);
        assert.ok(selfContained(a.type.text), `${a.name}: ${a.type.text}`);
        const field = (el.members ?? []).find((m) => m.name === a.fieldName);
        assert.equal(field?.type?.text, a.type.text, `${a.name}: the property has the attribute's type`);
        if (a.name in enums) assert.equal(a.type.text.replace(/ \| undefined$/, ''), union(enums[a.name]), a.name);
      }
    });
  });
}

test('each enumerated attribute occurs on the elements that take it', () => {
  const having = (name) => elements.filter((e) => e.attributes?.some((a) => a.name === name)).map((e) => e.tagName).sort();
  assert.deepEqual(having('theme'), ['confab-article-search', 'confab-cert-badge', 'confab-forum-feed', 'confab-insights', 'confab-mod-queue', 'confab-notifications', 'confab-qa-box']);
  assert.deepEqual(having('sort'), ['confab-forum-feed']);
  assert.deepEqual(having('layout'), ['confab-cert-badge']);
  assert.deepEqual(having('mode'), ['confab-article-search']);
  assert.deepEqual(having('filter'), ['confab-mod-queue']);
});
