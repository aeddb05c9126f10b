// Types for ob-cases.mjs, for the TypeScript runners.
import type { VerifyFailure } from '../../src/contract/certifications.js';

export interface ObCase {
  /** The 1EdTech validator test (or task, or spec section) the case mirrors. */
  name: string;
  source: string;
  what: string;
  url: string;
  identity?: string;
  expect: { verified: boolean; reason: VerifyFailure | null; failed: string[] };
}
export function obCases(port: number): ObCase[];
export function obCaseResponse(path: string, port: number): { status: number; headers: Record<string, string>; body: string } | null;
export function obCasesMiddleware(): (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;
