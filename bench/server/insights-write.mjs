#!/usr/bin/env node
// Write cost of the insights rollups: milliseconds per question insert (one statement each, as the
// server writes them), with 1 question per day and with 3,000 on one day, and the same inserts with
// the insights triggers disabled (the floor). Answers to those questions are timed too: a first
// answer moves its question between histogram buckets.
//
//   DATABASE_URL=postgres://… node bench/server/insights-write.mjs [--rows=3000] [--upto=014]
//
// --upto=NNN applies the migrations up to NNN only (e.g. 014: the day recounts of migration 012,
// before migration 015 made them n ± 1), so before and after run side by side on one machine.
// Uses its own schema, bench_insights_write, dropped first. Figures, not pass/fail.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL database.');
  process.exit(2);
}
const runner = fileURLToPath(new URL('./insights-write-run.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', runner, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
