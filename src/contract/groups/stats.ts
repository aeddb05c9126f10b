import type { Endpoint } from './endpoint.js';
import { Stats } from '../stats.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Community health for vendor staff. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const statsEndpoints = {
  stats: ep({ method: 'GET', path: '/v1/stats', summary: 'Community health, vendor staff only', description: 'Time to first answer, resolution and helpfulness rates and weekly activity; vendor staff only.', response: Stats, auth: 'write' }),
} satisfies Record<string, Endpoint>;
