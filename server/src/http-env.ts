// What the middlewares put on Hono's context for the routes after them.
import type { User } from './auth.js';

export type AppEnv = {
  Variables: {
    /** The caller from the bearer token; null when anonymous (middlewares/authenticate.ts). */
    user: User | null;
    /** The client's address, from the socket or a trusted proxy (middlewares/client-ip.ts). */
    ip: string;
    /** The CORS headers an API response to this request carries (middlewares/cors.ts, `apiResponse`). */
    cors: Readonly<Record<string, string>>;
  };
};
