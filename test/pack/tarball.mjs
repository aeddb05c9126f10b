// One `npm pack` per `npm test`: the pack step packs into tmp/pack/ and the consumers step, which runs
// after it, installs that same tarball. Run alone, a step packs again if the tarball is older than
// the build or package.json (a stale tarball would test yesterday's package).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const dir = fileURLToPath(new URL('tmp/pack/', root));
const infoFile = `${dir}pack.json`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm pack --json`'s record of the tarball, with `tarball` its absolute path. */
export function packTarball({ reuse = false } = {}) {
  const built = fileURLToPath(new URL('dist/esm/index.js', root));
  if (!existsSync(built)) throw new Error('dist/ is not built: run `npm run build` first');
  if (reuse && existsSync(infoFile)) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8'));
    const newest = Math.max(statSync(built).mtimeMs, statSync(fileURLToPath(new URL('package.json', root))).mtimeMs);
    if (existsSync(info.tarball) && statSync(info.tarball).mtimeMs >= newest) return info;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // --ignore-scripts: `prepack` would build again; `npm test` has just built.
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  const [info] = JSON.parse(out);
  info.tarball = `${dir}${info.filename}`;
  writeFileSync(infoFile, JSON.stringify(info));
  return info;
}
