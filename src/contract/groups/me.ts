import type { Endpoint } from './endpoint.js';
import { Me } from '../me.js';

const ep = <E extends Endpoint>(e: E) => e;

/** The caller. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const meEndpoints = {
  me: ep({ method: 'GET', path: '/v1/me', summary: 'The caller as the server sees the token', description: 'Who the token says the caller is (name, org, tier, roles), or `authenticated: false` without one.', response: Me, auth: 'read' }),
} satisfies Record<string, Endpoint>;
