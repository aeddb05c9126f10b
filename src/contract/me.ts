import * as v from 'valibot';
import { Id, Role, Tier } from './common.js';

/** The caller as the server sees the token. */
export const Me = v.variant('authenticated', [
  v.object({
    authenticated: v.literal(true),
    id: Id,
    name: v.string(),
    org: v.nullable(v.object({ id: Id, name: v.string() })),
    tier: v.nullable(Tier),
    roles: v.array(Role),
  }),
  v.object({ authenticated: v.literal(false) }),
]);
export type Me = v.InferOutput<typeof Me>;
export type SignedInMe = Extract<Me, { authenticated: true }>;
