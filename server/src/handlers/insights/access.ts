// Insights are for the vendor's program staff: anonymous callers get a 401, partners a 403.
import type { User } from '../../auth.js';
import type { Ctx } from '../../context.js';
import { forbidden } from '../../problem.js';
import { needUser } from '../common.js';

export function needStaff(ctx: Ctx): User {
  const u = needUser(ctx);
  if (!u.roles.includes('vendor-staff')) throw forbidden('Community insights are for program staff.');
  return u;
}
