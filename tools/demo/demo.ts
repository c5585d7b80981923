/**
 * npm run demo [-- --url http://127.0.0.1:3000 --scale 1]
 *
 * Loads a realistic two-year invoice history into a running system (start it with `npm start`)
 * through the real API: generated invoices for customers with different buying habits (regular big
 * buyers, one-off buyers, customers who stopped), OCRed by the real workers, then triggers a
 * segmentation run and prints the segments. Demo data is marked: file names start with `demo-`,
 * invoice numbers with `DEMO_`, and customer emails end in `@demo.example`.
 * Credentials: ADMIN_USERNAME / ADMIN_PASSWORD (development defaults admin / admin).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { JobStatusResponse, UploadResponse } from '@invoice/contracts';
import { createRng, generateInvoiceData, renderInvoice, type InvoiceGroundTruth } from '@invoice/invoice-generator';

const { values } = parseArgs({ options: { url: { type: 'string' }, scale: { type: 'string' } } });
const base = values.url ?? process.env.DEMO_URL ?? 'http://127.0.0.1:3000';
const scale = Number(values.scale ?? 1);
if (!(scale > 0 && scale <= 5)) throw new Error('--scale must be in (0, 5]');

const DAY = 86_400_000;
const today = Date.now();
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

type Habit = 'regular' | 'one-off' | 'stopped';
interface PlannedInvoice {
  truth: InvoiceGroundTruth;
  seed: number;
}

/** Customers and their invoices over the last two years, deterministic. */
function plan(): PlannedInvoice[] {
  const rng = createRng(20_241_125);
  const counts: Record<Habit, number> = { regular: Math.ceil(8 * scale), 'one-off': Math.ceil(14 * scale), stopped: Math.ceil(8 * scale) };
  const invoices: PlannedInvoice[] = [];
  let customerNumber = 0;
  let seq = 0;
  for (const habit of Object.keys(counts) as Habit[]) {
    for (let c = 0; c < counts[habit]; c++) {
      customerNumber++;
      const profile = generateInvoiceData(9_000 + customerNumber, { language: customerNumber % 3 === 0 ? 'fr' : 'en', withEmail: true });
      const dates: number[] =
        habit === 'regular'
          ? Array.from({ length: 24 }, (_, m) => today - (m * 30 + rng.int(0, 10)) * DAY)
          : habit === 'stopped'
            ? Array.from({ length: rng.int(6, 10) }, (_, m) => today - (400 + m * 30 + rng.int(0, 10)) * DAY)
            : [today - rng.int(1, 700) * DAY];
      for (const date of dates) {
        seq++;
        const base = generateInvoiceData(100_000 + seq, { language: profile.language, withEmail: true });
        const bigger = habit === 'regular' ? 3 : 1;
        const lineItems = base.lineItems.map((item) => {
          const quantity = item.quantity * bigger;
          return { ...item, quantity, amount: Math.round(quantity * item.unitPrice * 100) / 100 };
        });
        invoices.push({
          seed: 100_000 + seq,
          truth: {
            ...base,
            invoiceNumber: `DEMO_${new Date(date).getUTCFullYear()}_${String(seq).padStart(4, '0')}`,
            issueDate: isoDay(date),
            customerName: profile.customerName,
            customerEmail: profile.customerEmail!.replace(/@.*/, '@demo.example'),
            customerAddressLine1: profile.customerAddressLine1,
            customerAddressLine2: profile.customerAddressLine2,
            customerId: String(customerNumber).padStart(5, '0'),
            customerCategory: profile.customerCategory,
            lineItems,
            total: Math.round(lineItems.reduce((sum, item) => sum + item.amount, 0) * 100) / 100,
          },
        });
      }
    }
  }
  return invoices;
}

async function api<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${base}${path}`, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const planned = plan();
console.log(
  `Demo history: ${planned.length} invoices for ${new Set(planned.map((p) => p.truth.customerId)).size} customers over two years -> ${base}`,
);
const { access_token: token } = await api<{ access_token: string }>('/api/auth/token', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: process.env.ADMIN_USERNAME ?? 'admin', password: process.env.ADMIN_PASSWORD ?? 'admin' }),
});

const progress = (label: string) =>
  new cliProgress.SingleBar(
    { format: `${label} |{bar}| {value}/{total} invoices | ETA {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
const uploadBar = progress('uploaded ');
uploadBar.start(planned.length, 0);
const jobIds: string[] = [];
for (let i = 0; i < planned.length; i += 10) {
  const form = new FormData();
  for (const { truth, seed } of planned.slice(i, i + 10)) {
    const image = await renderInvoice(truth, { seed, format: 'png' });
    form.append('files', new Blob([new Uint8Array(image)], { type: 'image/png' }), `demo-${truth.customerId}-${truth.issueDate}.png`);
  }
  const { jobs } = await api<UploadResponse>('/api/invoices', { method: 'POST', body: form, token });
  jobIds.push(...jobs.map((job) => job.jobId));
  uploadBar.update(jobIds.length);
}
uploadBar.stop();
const doneBar = progress('processed');
doneBar.start(jobIds.length, 0);
const outcomes: Record<string, number> = {};
const pending = new Set(jobIds);
while (pending.size) {
  for (const jobId of [...pending]) {
    const status = await api<JobStatusResponse>(`/api/jobs/${jobId}`, { token });
    if (['done', 'needs_review', 'failed'].includes(status.status)) {
      pending.delete(jobId);
      outcomes[status.status] = (outcomes[status.status] ?? 0) + 1;
    }
  }
  doneBar.update(jobIds.length - pending.size);
  if (pending.size) await new Promise((resolve) => setTimeout(resolve, 1000));
}
doneBar.stop();
console.log(`Processed: ${JSON.stringify(outcomes)}`);

const requestedAt = new Date().toISOString();
await api('/api/segments/recompute', { method: 'POST', token });
type Segments = {
  run: { startedAt: string; k: number; silhouette: number; customers: number } | null;
  segments: { label: string; size: number; revenueShare: number; centroid: { recencyDays: number; frequency: number; monetary: number } }[];
};
let latest: Segments;
for (;;) {
  latest = await api<Segments>('/api/segments', { token });
  if (latest.run && latest.run.startedAt >= requestedAt) break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.log(`\nSegments: k=${latest.run!.k}, silhouette ${latest.run!.silhouette.toFixed(3)}, ${latest.run!.customers} customers`);
console.table(
  latest.segments.map((s) => ({
    segment: s.label,
    customers: s.size,
    'revenue share': `${(s.revenueShare * 100).toFixed(1)}%`,
    'recency (days)': Math.round(s.centroid.recencyDays),
    invoices: Number(s.centroid.frequency.toFixed(1)),
    spent: Math.round(s.centroid.monetary),
  })),
);
