// A V8 CPU profile of the benchmark target over one scenario's load only (not its start-up, seeding
// or the other scenarios), written with the original TypeScript positions: tsx runs the server as
// transformed code, whose frames all sit on line 1, so each frame is mapped back through the source
// map tsx registered (node:module findSourceMap). Summarise with bench/server/profile-summary.mjs.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';

interface CallFrame {
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface Profile {
  nodes: { callFrame: CallFrame }[];
}

let session: Session | null = null;

export async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 100 µs between samples: a list request costs a few hundred µs, so each gets a few samples.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}

/** Frames of transformed files at their TypeScript line and column (both 0-based, as V8 gives them). */
function toOriginalPositions(profile: Profile): void {
  for (const { callFrame: f } of profile.nodes) {
    if (!f.url.startsWith('file:') || f.lineNumber < 0) continue;
    const entry = findSourceMap(f.url)?.findEntry(f.lineNumber, f.columnNumber);
    if (entry && 'originalLine' in entry) {
      f.lineNumber = entry.originalLine;
      f.columnNumber = entry.originalColumn;
    }
  }
}

export async function stopProfile(file: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  session = null;
  toOriginalPositions(profile as unknown as Profile);
  writeFileSync(file, JSON.stringify(profile));
}
