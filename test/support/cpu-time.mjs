// `node test/support/cpu-time.mjs <file> <command...>`: runs the command in a shell with its output
// as is, then writes the CPU seconds (user + system) that it and everything it started used to <file>.
// test/run-all.mjs runs each step through this, so a step's line can say how many of the 2 cores it kept
// busy (CPU / wall): the figure that tells which steps leave room to overlap, and it survives a machine
// shared with other work better than wall time does. Linux only (/proc); elsewhere it writes nothing.
//
// Where it may (root, cgroup v1 `cpuacct` mounted: the CI machine), the command runs in a cgroup of its
// own and the figure is the cgroup's, which counts every process the command started. Without one, the
// figure is the children's time that the kernel hands back when they are waited for (cutime + cstime),
// which misses any process that outlives its parent: Chromium's renderers, GPU and network processes
// are reparented to init when the browser exits, so that figure left out most of Chromium's CPU
// (measured: a page busy for 4 s under playwright-core counted 1.0-1.2 s that way, 3.5 s in a cgroup).
// The figure says which way it was taken (`cgroup` or `waited`). Processes outside the tree (the
// PostgreSQL server's backends) are not counted either way.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';

const [file, ...cmd] = process.argv.slice(2);
const ROOT = '/sys/fs/cgroup/cpuacct';

// Groups an earlier run could not remove (a process it left behind outlived the 3 s below, or it was
// killed): removed here once their run is gone, so none stays for good. rmdir fails on a group that
// still holds a process, so a live one is never touched.
function sweepStaleGroups() {
  try {
    for (const name of readdirSync(ROOT)) {
      const pid = Number(/^confab-step-(\d+)$/.exec(name)?.[1]);
      if (!pid || pid === process.pid) continue;
      try {
        process.kill(pid, 0);
        continue; // its run is still going
      } catch {
        /* gone */
      }
      try {
        rmdirSync(`${ROOT}/${name}`);
      } catch {
        /* still in use */
      }
    }
  } catch {
    /* no cgroup v1 cpuacct here */
  }
}

// A cgroup for the command, or undefined where none can be made (not root, no cgroup v1 cpuacct).
function makeGroup() {
  sweepStaleGroups();
  try {
    const dir = `${ROOT}/confab-step-${process.pid}`;
    mkdirSync(dir);
    return dir;
  } catch {
    return undefined;
  }
}
const group = makeGroup();
// The shell joins the cgroup before it runs the command, so everything the command starts is in it.
// Where joining is refused, the command still runs (its figure then counts less).
const child = group
  ? spawn('sh', ['-c', `echo $$ 2>/dev/null > ${group}/cgroup.procs; exec sh -c "$0"`, cmd.join(' ')], { stdio: 'inherit' })
  : spawn(cmd.join(' '), { shell: true, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('close', (status, signal) => {
  try {
    if (group) {
      writeFileSync(file, `${Number(readFileSync(`${group}/cpuacct.usage`, 'utf8')) / 1e9} cgroup`);
      // Fails while a process the command left behind still runs in it (Chromium's children take a
      // moment to go after the browser): tried for up to 3 s, then the empty-of-use group stays.
      for (let i = 0; i < 30; i++) {
        try {
          rmdirSync(group);
          break;
        } catch {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        }
      }
    } else {
      // Fields after the command name; cutime and cstime (children waited for) are the 14th and 15th.
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[13]) + Number(fields[14]);
      writeFileSync(file, `${ticks / 100} waited`);
    }
  } catch {
    /* no /proc: no figure */
  }
  process.exit(status ?? (signal ? 1 : 0));
});
