#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `bench.mjs --cpu-prof=DIR`): self time per function, and the
// total (inclusive) time of the functions whose name or file matches --focus, so a profile of the
// server under load reads as "where did list threads spend its time".
//
//   node bench/server/profile-summary.mjs DIR/CPU.*.cpuprofile [--top=30] [--focus=threads|etag|valibot]
import { readFileSync } from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
const args = Object.fromEntries(rest.map((a) => a.replace(/^--/, '').split('=')));
const top = Number(args.top ?? 30);
const focus = args.focus ? new RegExp(args.focus) : null;
const prof = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Sample time per node: timeDeltas[i] is the time before sample i.
const self = new Map();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(node_modules|server|src|bench)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const selfBy = new Map();
for (const [id, t] of self) {
  const k = label(byId.get(id));
  selfBy.set(k, (selfBy.get(k) ?? 0) + t);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(7) + ' ms';
const pc = (us) => ((us / total) * 100).toFixed(1).padStart(5) + '%';
console.log(`total sampled ${ms(total)}\n\nself time, top ${top}:`);
for (const [k, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)} ${pc(t)}  ${k}`);

if (focus) {
  // Inclusive time: each sample counts once for every distinct matching function on its stack.
  const incl = new Map();
  for (const [id, t] of self) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = label(byId.get(n));
      if (focus.test(k) && !seen.has(k)) {
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + t);
      }
    }
  }
  console.log(`\ninclusive time of functions matching ${focus}:`);
  for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)} ${pc(t)}  ${k}`);
}
