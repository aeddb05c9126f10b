// The server's configuration. The environment is read here and nowhere else: createApp takes
// configFromEnv() and lays the caller's overrides (tests, embedders) over it; main.ts and setup.ts
// take startConfigFromEnv() for the listen address, the database and the token keys.

export interface Config {
  /** Public origin for Open Badges ids, e.g. https://community.example.com; else taken from the request. */
  publicUrl?: string;
  requireAuth: boolean;
  allowedOrigins: string[];
  /** Writes per window per user and per IP. */
  rateLimit: { max: number; windowMs: number };
  /** Request body limit in bytes. */
  maxBodyBytes: number;
  heartbeatMs: number;
  /** NOTIFY channel for live events. */
  channel: string;
  production: boolean;
  issuerName: string;
  issuerEmail: string;
  /** Hosts the /v1/verify fetcher may reach even when they resolve to private addresses. */
  verifyAllow: string[];
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Hosts webhook deliveries may reach even when they resolve to private addresses (CONFAB_WEBHOOK_ALLOW). */
  webhookAllow: string[];
  mail: MailConfig;
}

/** Email notifications (issue 13). */
export interface MailConfig {
  /** smtp(s)://user:pass@host:port (CONFAB_SMTP_URL); without it mail is captured in memory (GET /api/demo/mail outside production). */
  smtpUrl?: string;
  /** The From address (CONFAB_MAIL_FROM). */
  from: string;
  /** HMAC key of the unsubscribe tokens (CONFAB_MAIL_SECRET); outside production a fixed demo key when unset. */
  unsubscribeSecret?: string;
  /** Origin of the links in mails: CONFAB_PUBLIC_URL, else http://localhost:$PORT. */
  linkBase: string;
  /** UTC hour the daily and weekly digests go out (CONFAB_DIGEST_HOUR, 0-23). */
  digestHour: number;
  /** Day of the weekly digest, 0 = Sunday … 6 = Saturday (CONFAB_DIGEST_WEEKDAY). */
  digestWeekday: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const list = (s?: string) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  return {
    publicUrl: env.CONFAB_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    requireAuth: env.CONFAB_REQUIRE_AUTH === '1',
    allowedOrigins: list(env.CONFAB_ALLOWED_ORIGINS),
    rateLimit: { max: Number(env.CONFAB_RATE_LIMIT ?? 300), windowMs: Number(env.CONFAB_RATE_WINDOW_MS ?? 60_000) },
    maxBodyBytes: 256 * 1024,
    heartbeatMs: Number(env.CONFAB_HEARTBEAT_MS ?? 15_000),
    channel: env.CONFAB_EVENTS_CHANNEL ?? 'confab_events',
    production: env.NODE_ENV === 'production',
    issuerName: env.CONFAB_ISSUER_NAME ?? 'Acme Partner Program',
    issuerEmail: env.CONFAB_ISSUER_EMAIL ?? 'partners@acme.example',
    verifyAllow: list(env.CONFAB_VERIFY_ALLOW).map((h) => h.toLowerCase()),
    trustProxy: env.CONFAB_TRUST_PROXY === '1',
    webhookAllow: list(env.CONFAB_WEBHOOK_ALLOW).map((h) => h.toLowerCase()),
    mail: {
      smtpUrl: env.CONFAB_SMTP_URL || undefined,
      from: env.CONFAB_MAIL_FROM || 'Confab <no-reply@confab.localhost>',
      unsubscribeSecret: env.CONFAB_MAIL_SECRET || undefined,
      linkBase: env.CONFAB_PUBLIC_URL?.replace(/\/+$/, '') || `http://localhost:${Number(env.PORT ?? 8787)}`,
      digestHour: clampInt(env.CONFAB_DIGEST_HOUR, 7, 0, 23),
      digestWeekday: clampInt(env.CONFAB_DIGEST_WEEKDAY, 1, 0, 6),
    },
  };
}

function clampInt(s: string | undefined, dflt: number, min: number, max: number): number {
  const n = Number(s);
  return s && Number.isInteger(n) && n >= min && n <= max ? n : dflt;
}

/** What the process needs before there is an app: where to listen, which database, which token keys. */
export interface StartConfig {
  port: number;
  host: string;
  /** postgres://…: PostgreSQL through pg; else PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL schema to work in. */
  schema?: string;
  pgPoolSize: number;
  /** HS256 secret for partner tokens. */
  jwtSecret?: string;
  /** JWKS URL for RS256/ES256 tokens; wins over the secret. */
  jwksUrl?: string;
  production: boolean;
}

export function startConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StartConfig {
  return {
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CONFAB_DATA_DIR || undefined,
    schema: env.CONFAB_DB_SCHEMA || undefined,
    pgPoolSize: Number(env.CONFAB_PG_POOL ?? 10),
    jwtSecret: env.CONFAB_JWT_SECRET || undefined,
    jwksUrl: env.CONFAB_JWKS_URL || undefined,
    production: env.NODE_ENV === 'production',
  };
}
