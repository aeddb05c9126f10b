// CORS: the API only for the configured origins; the Open Badges documents for every verifier.
import { cors } from 'hono/cors';

export const apiCors = (allowedOrigins: readonly string[]) =>
  cors({
    origin: (o) => (allowedOrigins.includes(o) || allowedOrigins.includes('*') ? o : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Retry-After', 'Location', 'Idempotency-Replayed'],
    maxAge: 600,
  });

export const badgeDocumentCors = () => cors({ origin: '*', allowMethods: ['GET'] });
