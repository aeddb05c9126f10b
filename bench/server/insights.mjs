#!/usr/bin/env node
// Insights benchmark: p50/p99 of each query behind GET /v1/insights (and the whole report) on
// PostgreSQL with 100k threads, 100k questions and 1M recorded events (600k searches, 200k votes,
// 100k "was this helpful", 50k deflections, 50k CSAT answers) spread over 26 weeks.
//
//   DATABASE_URL=postgres://… node bench/server/insights.mjs [--runs=30] [--keep] [--scale=1]
//
// The data goes into the schema `bench_insights` (generated in SQL); with --keep, a finished load is
// reused by the next run, which then skips it. Figures, not pass/fail; not part of npm test.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL database: the scale target is PostgreSQL.');
  process.exit(2);
}
const runner = fileURLToPath(new URL('./insights-run.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', runner, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
