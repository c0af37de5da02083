import { z } from 'zod';

const ZHexOrBase64Key = z
  .string()
  .min(1)
  .refine((value) => decodeKey(value) !== null, 'must be 32 bytes, as 64 hex characters or base64');

export function decodeKey(value: string): Buffer | null {
  const hex = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : null;
  const bytes = hex ?? Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url(),
  /** The owner's connection, for the lookups across tenants; unset: DATABASE_URL. */
  SYSTEM_DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url(),
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: z.string().url().optional(),
  ENCRYPTION_KEY: ZHexOrBase64Key,
  BETTER_AUTH_SECRET: z.string().min(16, 'must be at least 16 characters'),
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  TIKTOK_APP_KEY: z.string().min(1),
  TIKTOK_APP_SECRET: z.string().min(1),
  TIKTOK_API_BASE: z.string().url().default('https://open-api.tiktokglobalshop.com'),
  // Token exchange and refresh live on their own host (platforms.md C1).
  TIKTOK_AUTH_BASE: z.string().url().default('https://auth.tiktok-shops.com'),
  TIKTOK_AUTHORIZE_URL: z.string().url().default('https://services.us.tiktokshop.com/open/authorize'),
  TIKTOK_SERVICE_ID: z.string().min(1).default('order-hub'),
  // Where a shop's Admin lives; `{shop}` is replaced by the myshopify domain.
  SHOPIFY_SHOP_URL_TEMPLATE: z.string().includes('{shop}').default('https://{shop}'),
  // AliExpress Open Platform (dropshipping): app credentials and where its gateway lives.
  ALIEXPRESS_APP_KEY: z.string().min(1).default('order-hub-demo'),
  ALIEXPRESS_APP_SECRET: z.string().min(1).default('order-hub-demo-secret'),
  ALIEXPRESS_API_BASE: z.string().url().default('https://api-sg.aliexpress.com'),
  SUPPLIER_SYNC_INTERVAL_MS: z.coerce.number().int().positive().default(5 * 60 * 1000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(15 * 60 * 1000),
  BACKFILL_DAYS: z.coerce.number().int().positive().default(60),
  // BullMQ key prefix. The braces are a Redis Cluster hash tag: every key of a queue on one slot.
  QUEUE_PREFIX: z.string().min(1).default('{hub}'),
  INGEST_CONCURRENCY: z.coerce.number().int().positive().default(16),
  INGEST_ATTEMPTS: z.coerce.number().int().positive().default(8),
  INGEST_BACKOFF_MS: z.coerce.number().int().positive().default(2000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  // A QUEUED event whose job Redis no longer knows (Redis restarted empty) is enqueued again
  // once it has waited this long.
  SWEEP_QUEUED_GRACE_MS: z.coerce.number().int().positive().default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** The validated environment, read on first use so that `next build` runs without secrets. */
export function env(): TEnv {
  if (cached) return cached;
  // An empty line in .env (`APP_URL=`) means "not set", as it does for the bootstrap.
  const values = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  const parsed = ZEnv.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment (see .env.example):\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
