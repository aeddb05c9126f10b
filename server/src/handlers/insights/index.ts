// Handlers of the insights group. Filled in after the contract commit.
import type { Ctx } from '../../context.js';
import { HttpError } from '../../problem.js';
import type { CsatAnswer, CsatStatus, Insights, Ok } from '../../../../src/contract/index.js';

const notYet = () => new HttpError(501, 'Not Implemented', 'Insights are being built.');
export async function insights(_ctx: Ctx<'insights'>): Promise<Insights> { throw notYet(); }
export async function exportInsights(_ctx: Ctx<'exportInsights'>): Promise<string> { throw notYet(); }
export async function getCsat(_ctx: Ctx<'getCsat'>): Promise<CsatStatus> { throw notYet(); }
export async function answerCsat(_ctx: Ctx<'answerCsat'>): Promise<CsatAnswer> { throw notYet(); }
export async function recordSearchClick(_ctx: Ctx<'recordSearchClick'>): Promise<Ok> { throw notYet(); }
