import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** Defaults that only make sense on a developer machine; see README "Configuration". */
export const DEV_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/invoice_ocr',
  JWT_SECRET: 'dev-only-jwt-secret-do-not-use-in-production',
  ADMIN_PASSWORD: 'admin',
} as const;

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const nodeEnvSchema = z.enum(['development', 'test', 'production']).default('development');

export const sharedEnvSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).default(DEV_DEFAULTS.DATABASE_URL),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix, so several deployments (or test runs) can share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('invoice-ocr'),
});

export const gatewayEnvSchema = sharedEnvSchema.extend({
  PORT: port(3000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_DEFAULTS.JWT_SECRET),
  JWT_EXPIRES_IN_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(1).default(DEV_DEFAULTS.ADMIN_PASSWORD),
  ADMIN_ORGANIZATION: z.string().min(1).default('Default organization'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).default(20 * 1024 * 1024),
  MAX_FILES_PER_REQUEST: z.coerce.number().int().min(1).max(1000).default(50),
  /** Per-request HTTP metrics; off only to measure what they cost (npm run bench:gateway). */
  HTTP_METRICS: z.stringbool().default(true),
  /** Server-sent event streams write a comment line this often, so proxies keep them open (and re-check the status in Postgres). */
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/**
 * A field whose confidence is under this sends its invoice to review (`low_confidence:<field>`). Chosen from the
 * calibration on the generated evaluation set (README, "Extraction quality"): the lowest threshold that leaves at most 1% of invoices done with a wrong field.
 */
export const DEFAULT_REVIEW_THRESHOLD = 0.91;

export const workerEnvSchema = sharedEnvSchema.extend({
  /** Port of the worker's own small HTTP server (health and metrics only). */
  PORT: port(9464),
  OCR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  /**
   * Nice value (0..19) the worker lowers its CPU priority to at start, for all its threads: OCR is batch work and
   * yields the CPU to the gateway, PostgreSQL and Redis on a shared machine (and takes it all when they are idle).
   * 0 leaves the priority alone.
   */
  OCR_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** Tesseract languages, in priority order: French first reads accents and "Facturé à" far better, at no cost on English. */
  OCR_LANGUAGES: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/, 'must look like fra+eng').default('fra+eng'),
  /** A job whose worker stops renewing its lock for this long (killed, frozen) is handed to another worker. */
  OCR_LOCK_DURATION_MS: z.coerce.number().int().min(2000).max(600_000).default(30_000),
  /** How often the reconciler re-queues documents that Postgres has as pending but Redis lost. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  /** A pending document younger than this is left alone by the reconciler (its upload may be queuing it). */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  /** A segmentation run is triggered once this many invoices were accepted since the organization's last run... */
  SEGMENTATION_TRIGGER_INVOICES: z.coerce.number().int().min(1).default(200),
  /** ...and no new one arrived for this long (debounce). */
  SEGMENTATION_DEBOUNCE_MS: z.coerce.number().int().min(0).default(60_000),
  /** Confidence (0..1) under which an extracted field sends the invoice to review. */
  REVIEW_THRESHOLD: z.coerce.number().min(0).max(1).default(DEFAULT_REVIEW_THRESHOLD),
  /** Folder where eng+fra traineddata are linked for tesseract.js; a temp folder by default. */
  TESSDATA_DIR: z.string().optional(),
  /** Attempts per webhook delivery, and the first retry delay (doubled at each retry). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).default(10_000),
  /** How long an endpoint has to answer one delivery attempt. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Webhook deliveries one worker process sends at once (network-bound, not CPU-bound). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** Documents (PDF, multi-page TIFF) with more pages are refused before any page is read (permanent failure). */
  MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(50),
  /** Page images with more pixels are refused before being decoded (permanent failure). 80 MP = an A3 page at 600 dpi. */
  MAX_PAGE_PIXELS: z.coerce.number().int().min(1_000_000).max(500_000_000).default(80_000_000),
  /** Resolution PDF pages without a text layer are rendered at for OCR (200 dpi = 1700 px wide on Letter). */
  PDF_RENDER_DPI: z.coerce.number().int().min(72).max(600).default(200),
  /**
   * Preprocessing steps switched from their defaults for every page, comma-separated: a name turns a step on,
   * `-name` off (steps: orientation, deskew, denoise, crop, adapt, contrast; an unknown name stops the worker at start).
   * Empty = the measured defaults (README "Inputs and preprocessing").
   */
  OCR_PREPROCESS: z.string().regex(/^(-?[a-z]+(\s*,\s*-?[a-z]+)*)?$/, 'must look like deskew,-contrast').default(''),
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const segmentationEnvSchema = sharedEnvSchema.extend({
  /** Port of the service's own small HTTP server (health and metrics only). */
  PORT: port(9465),
  /** When the segments are recomputed for every organization (cron, UTC); once across replicas. */
  SEGMENTATION_CRON: z.string().min(9).default('0 * * * *'),
  SEGMENTATION_MAX_K: z.coerce.number().int().min(2).max(20).default(8),
  /** k-means restarts per k (each with its own fixed seed). */
  SEGMENTATION_SEEDS: z.coerce.number().int().min(1).max(20).default(3),
});
export type SegmentationEnv = z.infer<typeof segmentationEnvSchema>;

/** Names of the variables still holding a development default. */
export function varsOnDevDefaults(env: Partial<Record<string, unknown>>): string[] {
  return (Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[]).filter(
    (name) => name in env && env[name] === DEV_DEFAULTS[name],
  );
}

/** ioredis/BullMQ connection options from a redis:// or rediss:// URL. */
export function redisConnectionFromUrl(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
} {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`Invalid Redis database number in "${url}"`);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
