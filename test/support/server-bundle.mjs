// The reference server as one ES module, for test runs that start it many times (the e2e files start
// about twenty servers). esbuild bundles server/src once (about 1 s); each start then loads one file
// instead of tsx hooking and transforming the ~100 TypeScript modules again. Measured on the 2-core
// machine, one server from a copy of the seeded data dir up to its first /api/health answer: 1.34-1.41 s
// CPU and 1.4-2.9 s wall through tsx, 0.59-0.66 s CPU and 0.7-1.1 s wall from the bundle (3 rounds each,
// load 9-12). `npm start` and the server test files still run the TypeScript through tsx.
//
// The code is the same: packages stay imports (resolved from the repository's node_modules, which is
// why the bundle is written under the repository, in the git-ignored tmp/), each module keeps its own
// `import.meta.url` (setup.ts finds the demo and dist folders, migrate.ts the migrations, from it),
// and the source map, with --enable-source-maps, gives stack traces in server/src/*.ts.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Each server module's `import.meta.url` becomes its own file's URL, as under tsx, not the bundle's.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]server[\\/]src[\\/].*\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * Bundles server/src/main.ts into a new folder under <repo>/tmp/ whose name starts with `prefix`, and
 * returns the folder (remove it when done) and the bundle's path (run it with --enable-source-maps).
 */
export async function bundleServer(prefix = 'server-bundle-') {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, 'tmp', prefix));
  const file = join(dir, 'main.mjs');
  await build({
    entryPoints: [join(root, 'server/src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outfile: file,
    plugins: [keepModuleUrls],
    logLevel: 'warning',
  });
  return { dir, file };
}
