// Where tests put the data directories they copy and throw away (each server test file's PGlite
// database, each e2e server's data dir): /dev/shm when it is a tmpfs with room, else the OS temp dir.
//
// A copy of the 34 MB PGlite snapshot took 0.4-0.9 s of CPU into the temp dir on the 2-core machine's
// disk (ext4) and 0.07-0.1 s into /dev/shm; removing it, 0.13-0.34 s against 0.03 s (5 rounds each,
// test/server/pglite-snapshot.ts's directory, at load 8-10). Docker gives a container a 64 MB /dev/shm
// by default: too small, so the temp dir is used there.
import { mkdtempSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOM = 1024 ** 3; // bytes free: the suite's largest need at once is a few hundred MB

let root;
/** The directory scratch copies go in. */
export function scratchRoot() {
  if (root === undefined) {
    try {
      const s = statfsSync('/dev/shm');
      root = s.bavail * s.bsize >= ROOM ? '/dev/shm' : tmpdir();
    } catch {
      root = tmpdir(); // no /dev/shm (not Linux)
    }
  }
  return root;
}

/** A new empty directory in scratchRoot(), its name starting with `prefix`. */
export const makeScratchDir = (prefix) => mkdtempSync(join(scratchRoot(), prefix));
