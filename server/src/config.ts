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
  /** Insights (issue 15): the answer SLA and how search events are kept. */
  insights: InsightsConfig;
  /** Reports, pre-moderation and the limits for new partners (server/README.md, "Moderation"). */
  moderation: ModerationConfig;
  /** Hosts webhook deliveries may reach even when they resolve to private addresses (CONFAB_WEBHOOK_ALLOW). */
  webhookAllow: string[];
  mail: MailConfig;
  /** Seals the Open Badges 3.0 issuer's private keys and the webhooks' signing secrets in the database (CONFAB_KEY_SECRET; seal/seal.ts). */
  keySecret?: string;
  /**
   * The secret being replaced (CONFAB_KEY_SECRET_PREVIOUS): at start, rows sealed with it are sealed
   * again with `keySecret` (seal/reseal.ts). Only as long as a change of secret takes.
   */
  previousKeySecret?: string;
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

/** One write limit: at most `max` in `windowMs`. */
export interface LimitRule {
  max: number;
  windowMs: number;
}

export interface ModerationConfig {
  /** Open flags from this many different people hide an item until a moderator decides (0: never). */
  flagHideThreshold: number;
  /** A partner with fewer published posts than this is "new" (trust level 0). */
  trustedAfterPosts: number;
  /** A new partner's first this-many posts are held for review (0: none). */
  holdFirstPosts: number;
  /** At most this many links in a new partner's post; more holds it for review. */
  newPartnerMaxLinks: number;
  /** The tighter limits on a new partner's posts (threads, replies, questions, answers). */
  newPartnerLimits: LimitRule[];
}

/** "3/30s,15/600s,50/3600s" → limit rules; the unit is s, m or h. */
export function parseLimitRules(text: string): LimitRule[] {
  const unit = { s: 1000, m: 60_000, h: 3_600_000 } as const;
  return text.split(',').map((x) => x.trim()).filter(Boolean).map((rule) => {
    const m = /^(\d+)\/(\d+)([smh])$/.exec(rule);
    if (!m) throw new Error(`CONFAB_NEW_PARTNER_LIMITS: "${rule}" is not like 3/30s`);
    return { max: Number(m[1]), windowMs: Number(m[2]) * unit[m[3] as keyof typeof unit] };
  });
}

export interface InsightsConfig {
  /** A question without an answer for longer than this is flagged in the unanswered queue (default 48). */
  slaHours: number;
  /** Search events older than this many days are deleted (default 400: a year and its comparison). */
  searchRetentionDays: number;
  /** Keep who searched (person id) with each search event; off by default. */
  searchPersonalData: boolean;
}

/** A positive number from the environment, or the default when unset or not one. */
const positive = (s: string | undefined, dflt: number) => {
  const n = Number(s);
  return s && Number.isFinite(n) && n > 0 ? n : dflt;
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const list = (s?: string) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  // Read once: mail links (mail.linkBase) start from the same public URL.
  const publicUrl = env.CONFAB_PUBLIC_URL?.replace(/\/+$/, '') || undefined;
  return {
    publicUrl,
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
    insights: {
      slaHours: positive(env.CONFAB_SLA_HOURS, 48),
      searchRetentionDays: positive(env.CONFAB_SEARCH_RETENTION_DAYS, 400),
      searchPersonalData: env.CONFAB_SEARCH_PERSONAL_DATA === '1',
    },
    moderation: {
      flagHideThreshold: Number(env.CONFAB_FLAG_HIDE_THRESHOLD ?? 3),
      trustedAfterPosts: Number(env.CONFAB_TRUSTED_AFTER_POSTS ?? 3),
      holdFirstPosts: Number(env.CONFAB_HOLD_FIRST_POSTS ?? 0),
      newPartnerMaxLinks: Number(env.CONFAB_NEW_PARTNER_MAX_LINKS ?? 2),
      newPartnerLimits: parseLimitRules(env.CONFAB_NEW_PARTNER_LIMITS ?? '3/30s,15/10m,50/1h'),
    },
    webhookAllow: list(env.CONFAB_WEBHOOK_ALLOW).map((h) => h.toLowerCase()),
    mail: {
      smtpUrl: env.CONFAB_SMTP_URL || undefined,
      from: env.CONFAB_MAIL_FROM || 'Confab <no-reply@confab.localhost>',
      unsubscribeSecret: env.CONFAB_MAIL_SECRET || undefined,
      linkBase: publicUrl ?? `http://localhost:${Number(env.PORT ?? 8787)}`,
      digestHour: clampInt(env.CONFAB_DIGEST_HOUR, 7, 0, 23),
      digestWeekday: clampInt(env.CONFAB_DIGEST_WEEKDAY, 1, 0, 6),
    },
    keySecret: keySecretFrom(env.CONFAB_KEY_SECRET),
    // No strength rule for the old one: a weak secret from before the rule is exactly one to move away from.
    previousKeySecret: env.CONFAB_KEY_SECRET_PREVIOUS || undefined,
  };
}

/**
 * CONFAB_KEY_SECRET, at least 32 characters of which at least 10 differ: the sealed values can be
 * guessed at offline from a copy of the database (HKDF is not a password hash), so the secret must be
 * random, not a word. Length alone let `aaaa…` or a word repeated through; no check can prove
 * randomness, but the output of `openssl rand -base64 32` (or `-hex 16`) has far more than 10
 * different characters, and those mistakes have fewer.
 */
function keySecretFrom(s: string | undefined): string | undefined {
  if (!s) return undefined;
  if (s.length < 32 || new Set(s).size < 10) {
    throw new Error('CONFAB_KEY_SECRET must be at least 32 random characters (not a repeated word: at least 10 different characters), e.g. the output of `openssl rand -base64 32`.');
  }
  return s;
}

function clampInt(s: string | undefined, dflt: number, min: number, max: number): number {
  const n = Number(s);
  return s && Number.isInteger(n) && n >= min && n <= max ? n : dflt;
}

/** What the process needs before there is an app: where to listen, which database, which token keys. */
export interface StartConfig {
  port: number;
  host: string;
  /** How long an idle keep-alive connection stays open (CONFAB_KEEP_ALIVE_MS, default 65 s): see listen.ts. */
  keepAliveMs: number;
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
    keepAliveMs: clampInt(env.CONFAB_KEEP_ALIVE_MS, 65_000, 1_000, 3_600_000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CONFAB_DATA_DIR || undefined,
    schema: env.CONFAB_DB_SCHEMA || undefined,
    pgPoolSize: Number(env.CONFAB_PG_POOL ?? 10),
    jwtSecret: env.CONFAB_JWT_SECRET || undefined,
    jwksUrl: env.CONFAB_JWKS_URL || undefined,
    production: env.NODE_ENV === 'production',
  };
}
