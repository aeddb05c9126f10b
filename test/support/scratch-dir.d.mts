// Types for scratch-dir.mjs, for the TypeScript tests.
export function scratchRoot(): string;
export function makeScratchDir(prefix: string): string;
