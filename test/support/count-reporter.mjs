// Prints a plain `N passed, M failed` line, which CI log readers count. A file that fails to load
// counts as a failure, so a broken import can never look like a green run.
import { appendFileSync } from 'node:fs';

function count(results, acc) {
  for (const t of results?.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of results?.suites ?? []) count(s, acc);
  return acc;
}

export function countReporter(label) {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const s of sessions) {
        count(s.testResults, acc);
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.failed++;
      }
      const line = `${acc.passed} passed, ${acc.failed} failed${acc.skipped ? `, ${acc.skipped} skipped` : ''}`;
      console.log(`\n${label}: ${line}`);
      if (process.env.CONFAB_COUNT_FILE) appendFileSync(process.env.CONFAB_COUNT_FILE, `${acc.passed} ${acc.failed}\n`);
    },
  };
}
