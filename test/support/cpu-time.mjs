// `node test/support/cpu-time.mjs <file> <command...>`: runs the command in a shell with its output
// as is, then writes the CPU seconds (user + system) that it and everything it started used to <file>.
// test/run-all.mjs runs each step through this, so a step's line can say how many of the 2 cores it kept
// busy (CPU / wall): the figure that tells which steps leave room to overlap, and it survives a machine
// shared with other work better than wall time does. Linux only (/proc); elsewhere it writes nothing.
// Processes outside the tree (the PostgreSQL server's backends) are not counted.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [file, ...cmd] = process.argv.slice(2);
const child = spawn(cmd.join(' '), { shell: true, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('close', (status, signal) => {
  try {
    // Fields after the command name; cutime and cstime (children waited for) are the 14th and 15th.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    writeFileSync(file, String(ticks / 100));
  } catch {
    /* no /proc: no figure */
  }
  process.exit(status ?? (signal ? 1 : 0));
});
