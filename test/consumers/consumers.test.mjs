// Confab as an adopter gets it from npm: the packed tarball installed into three small apps kept in
// test/consumers/ (Vite + TypeScript, Vite + React 19 with confab/react, Vue 3 with vue-tsc), each
// typechecked (strict, noUnusedLocals) together with the README's code blocks for its framework, then
// built with Vite; the React app is opened in Chromium, where it must render the demo community.
//
// How each app gets its packages: a copy of the app in a temp dir, `npm install <tarball>` there
// (offline-first, from the npm cache the root install filled), so Confab's own dependencies come from
// what its package.json declares, exactly as for an adopter: an undeclared one fails to resolve.
// The tools and frameworks (vite, typescript, vue-tsc, react, vue…) are linked from the repository's
// node_modules instead of installed: the app's package.json lists them, the versions are the ones the
// repository pins, and installing them per app would cost most of the minute this step may take.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { packTarball } from '../pack/tarball.mjs';
import { readReadme, readmeSnippets, snippetFile } from './readme-snippets.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const rootModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CONSUMERS = ['vanilla', 'react', 'vue'];

let work;
const apps = {}; // name -> { app: Promise<{ dir, files }>, typechecked, built: Promise<failure output | undefined> }
const snippets = readmeSnippets(readReadme());

/** Copy the app, install the tarball into it, link the tools, and write its README snippets. */
async function prepare(name, tarball) {
  const dir = join(work, name);
  cpSync(join(here, name), dir, { recursive: true });
  const declared = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: declared.name, private: true, type: 'module', dependencies: { confab: `file:${tarball}` } }, null, 2));
  // --legacy-peer-deps: peers (@lit/react's @types/react, Confab's optional react) are linked below with the other tools.
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--legacy-peer-deps', '--loglevel=error'], { cwd: dir });
  for (const dep of Object.keys({ ...declared.dependencies, ...declared.devDependencies })) {
    if (dep === 'confab') continue;
    const link = join(dir, 'node_modules', dep);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(rootModules, dep), link, 'dir');
  }
  if (name === 'react') {
    // The JSX runtime the Svelte markup is checked against (see svelte-markup.d.ts).
    mkdirSync(join(dir, 'node_modules/svelte-markup'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/svelte-markup/package.json'), JSON.stringify({ name: 'svelte-markup', types: 'jsx-runtime.d.ts', exports: { './jsx-runtime': { types: './jsx-runtime.d.ts' } } }));
    cpSync(join(here, 'svelte-markup.d.ts'), join(dir, 'node_modules/svelte-markup/jsx-runtime.d.ts'));
  }
  const files = new Map();
  for (const s of snippets.filter((x) => x.consumer === name)) {
    const file = snippetFile(s);
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
    files.set(file.path, { ...s, offset: file.offset });
  }
  return { dir, files };
}

/** A compiler's output with each README snippet's position given as the README line as well. */
function withReadmeLines(output, files) {
  return output.replace(/(src\/readme\/line-\d+\.\w+)[(:](\d+)[,:](\d+)\)?/g, (all, path, line) => {
    const s = files.get(path);
    return s ? `${all} [README.md line ${s.line + Number(line) - s.offset}, a ${s.lang} block]` : all;
  });
}

/** Runs a Node script; resolves to its output on failure, undefined on success (never rejects). */
const outcome = (args, cwd) => run(process.execPath, args, { cwd }).then(() => undefined, (e) => `${e.stdout}${e.stderr}` || String(e));

function typecheck({ dir }, name) {
  const bin = name === 'vue' ? join(rootModules, 'vue-tsc/bin/vue-tsc.js') : join(rootModules, 'typescript/bin/tsc');
  return outcome([bin, '--noEmit', '-p', 'tsconfig.json'], dir);
}

function build({ dir }) {
  return outcome([join(dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], dir);
}

before(() => {
  const { tarball } = packTarball({ reuse: true });
  work = mkdtempSync(join(tmpdir(), 'confab-consumers-'));
  // Everything starts at once and the tests below await their part: the installs, typechecks and
  // builds of three apps overlap on CI's two cores instead of running one after another.
  for (const name of CONSUMERS) {
    const app = prepare(name, tarball);
    apps[name] = { app, typechecked: app.then((a) => typecheck(a, name)), built: app.then((a) => build(a)) };
    // A failed install is reported by the tests that need the app, not as an unhandled rejection here.
    for (const p of Object.values(apps[name])) p.catch(() => {});
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the README has typed blocks for every consumer, and each is checked in one', () => {
  const by = (c) => snippets.filter((s) => s.consumer === c).map((s) => `${s.lang}@${s.line}`);
  console.log(`README blocks checked: vanilla ${by('vanilla').join(' ')}; react ${by('react').join(' ')}; vue ${by('vue').join(' ')}`);
  for (const c of CONSUMERS) assert.ok(by(c).length > 0, `${c} checks at least one README block`);
  assert.ok(snippets.some((s) => s.lang === 'svelte') && snippets.some((s) => s.lang === 'vue') && snippets.some((s) => s.lang === 'tsx'));
});

for (const name of CONSUMERS) {
  test(`${name}: the tarball installs, and the app and its README blocks typecheck`, async () => {
    const { files } = await apps[name].app;
    const failure = await apps[name].typechecked;
    if (failure) assert.fail(`${name === 'vue' ? 'vue-tsc' : 'tsc'} in the ${name} consumer:\n${withReadmeLines(failure, files)}`);
  });
  test(`${name}: vite build`, async () => {
    const { dir } = await apps[name].app;
    const failure = await apps[name].built;
    if (failure) assert.fail(`vite build in the ${name} consumer:\n${failure}`);
    assert.ok(existsSync(join(dir, 'dist/index.html')), 'dist/index.html written');
  });
}

test('react: the built app renders the demo community from MemoryBackend in Chromium, and a thread opens', async () => {
  const { dir } = await apps.react.app;
  assert.equal(await apps.react.built, undefined, 'the React app built');
  const { createCommunity } = await import('../../src/demo-data/index.ts');
  const titles = new Set(createCommunity().threads.map((t) => t.title));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    // The built files served from the dist folder under a made-up origin: no server to start.
    const types = { html: 'text/html', js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml' };
    await page.route('http://consumer.test/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = join(dir, 'dist', path === '/' ? 'index.html' : path);
      if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ body: readFileSync(file), contentType: types[file.split('.').pop()] ?? 'application/octet-stream' });
    });
    await page.goto('http://consumer.test/');
    const shown = page.locator('confab-forum-feed h3.title');
    await shown.first().waitFor({ timeout: 15_000 });
    const rendered = await shown.allInnerTexts();
    assert.ok(rendered.length >= 3, `the feed shows threads: ${rendered.join(' | ')}`);
    for (const t of rendered) assert.ok(titles.has(t.trim()), `"${t}" is a thread of the demo community`);
    // The wrapper's typed event reaches React: opening a thread updates React state.
    await shown.first().locator('.title-link').click();
    await page.getByText(/^Opened /).waitFor({ timeout: 5_000 });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
