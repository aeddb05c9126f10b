/**
 * Runs `run` with console.warn captured (each call's arguments joined into one string), restores it
 * even when `run` throws, and returns the warnings. `run` gets the live list, for checks made inside.
 */
export async function withWarnings(run: (warnings: string[]) => unknown): Promise<string[]> {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    await run(warnings);
  } finally {
    console.warn = original;
  }
  return warnings;
}
