import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const en = {
  app: { title: 'Invoice OCR', skip: 'Skip to content', language: 'Language', logout: 'Log out', loading: 'Loading…', retry: 'Retry' },
  appNav: { label: 'Main', menu: 'Menu' },
  nav: { demo: 'OCR demo', invoices: 'Invoices', review: 'Review', analytics: 'Analytics', monitoring: 'Monitoring' },
  titles: { invoice: 'Invoice' },
  errors: {
    unreachable: 'The server cannot be reached. Check that the gateway is running, then retry.',
    forbidden: 'Your role may not see this page.',
    notFound: 'Not found.',
    generic: 'Something went wrong: {{message}}',
    expired: 'Your session has expired. Please log in again.',
  },
  login: { title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', failed: 'Wrong username or password.', throttled: 'Too many login attempts. Wait a minute, then try again.' },
  status: { queued: 'Queued', processing: 'Processing', done: 'Done', needs_review: 'Needs review', failed: 'Failed', rejected: 'Rejected' },
  fields: {
    invoiceNumber: 'Invoice number', issueDate: 'Issue date', issueTime: 'Issue time', dueDate: 'Due date', vendorName: 'Vendor', vendorAddress: 'Vendor address',
    customerName: 'Customer', customerEmail: 'Customer email', customerAddressLine1: 'Address', customerAddressLine2: 'Address (line 2)',
    customerId: 'Customer id', customerCategory: 'Category', currency: 'Currency', subtotal: 'Subtotal', taxAmount: 'Tax', taxRate: 'Tax rate (%)', total: 'Total',
    documentType: 'Document type', vendorVatId: 'Vendor VAT id', customerVatId: 'Customer VAT id', iban: 'IBAN', orderNumber: 'Order number', amountDue: 'Amount due',
    taxLines: 'Tax lines (rate % base tax; …)',
    lineItems: 'Line items', status: 'Status', reviewAcceptance: 'Acceptance', reviewRejection: 'Rejection',
  },
  documentTypes: { invoice: 'Invoice', credit_note: 'Credit note', receipt: 'Receipt' },
  einvoice: {
    badge: 'E-invoice', download: 'Download XML', rendering: 'The e-invoice', noPage: 'Read from the e-invoice XML (no page image).',
    net: 'Net total', tax: 'Tax', total: 'Total', prepaid: 'Prepaid', due: 'Amount due',
  },
  invoice: {
    value: 'Value',
    fields: 'Fields', lineItems: 'Line items', description: 'Description', quantity: 'Qty', unitPrice: 'Unit price', amount: 'Amount',
    checks: 'Checks', noIssues: 'All checks passed.', ocrText: 'OCR text', history: 'Corrections', noHistory: 'No corrections yet.',
    confidence: 'Confidence', source: 'Source', lowConfidence: 'Below the review threshold', image: 'Page image', noImage: 'No preview for this file type.',
    notExtracted: 'Not extracted yet.', meanConfidence: 'Mean OCR confidence', pages: 'Pages', by: '{{user}} on {{date}}', back: 'Back to invoices',
    words: 'Highlight a field’s words by hovering or focusing it.',
  },
  demo: {
    title: 'OCR demo', drop: 'Drop invoice files here (PNG, JPEG, TIFF, WebP, PDF, e-invoice XML)', pick: 'or choose files', uploading: 'Uploading…',
    empty: 'Nothing uploaded yet in this session.', rejected: 'Refused: {{name}} — {{reason}}', duplicate: 'already uploaded', viewerNote: 'Your role (viewer) cannot upload.',
    open: 'Open invoice', waiting: 'The fields appear here when the reading ends.',
  },
  list: {
    pages: 'Pages',
    title: 'Invoices', search: 'Search', status: 'Status', any: 'Any', from: 'Uploaded from', to: 'to', customer: 'Customer', minTotal: 'Min total', maxTotal: 'Max total',
    apply: 'Apply', clear: 'Clear', empty: 'No invoice matches.', next: 'Next', previous: 'Previous', file: 'File', uploaded: 'Uploaded', page: 'Page {{n}}',
    filters: 'Filters',
    issued: 'Issued from {{from}} to {{to}}', removeIssued: 'Remove the issue date filter',
  },
  review: {
    title: 'Review', empty: 'Nothing to review. Every invoice is done.', save: 'Save and next', skip: 'Skip', saved: 'Saved. Next invoice.', remaining: '{{count}} waiting',
    help: 'Tab through the fields, F8 jumps to the next flagged one, Enter saves and opens the next invoice.', readonly: 'Your role (viewer) cannot correct invoices.', invalid: 'Check the highlighted fields.',
    failing: 'Saved, but these checks still fail. Correct them, accept the invoice with a reason, or skip it.', reason: 'Reason for accepting', accept: 'Accept with reason', accepted: 'Accepted. Next invoice.',
  },
  reasons: {
    missing: '{{field}} is missing.', low_confidence: 'Read with low confidence: check it against the page.',
    line_amount_mismatch: 'Line {{line}}: quantity × unit price differs from its amount.', total_mismatch: 'The line amounts do not add up to the total.',
    subtotal_mismatch: 'The line amounts do not add up to the subtotal.', tax_total_mismatch: 'Subtotal + tax differs from the total.',
    tax_rate_mismatch: 'Subtotal × tax rate differs from the tax.', due_before_issue: 'The due date is before the issue date.',
    invalid_email: 'The email address is not well formed.', implausible_date: 'The date falls in an unlikely year.', implausible: 'The value is out of range.',
    corrected: 'Corrected automatically so that the sums hold: check it.', template_mismatch: 'Differs from what this vendor’s template says.',
    qr_text_mismatch: 'The QR code says otherwise.', qr_unparsed: 'The QR code could not be read.', invalid_checksum: 'Its check digits are wrong.',
    unreadable: 'A line could not be read.', inferred: 'A line’s {{column}} was worked out from the others.', unknown: 'Check: {{code}}',
    confidence: 'Confidence {{value}}',
  },
  items: {
    title: 'Line items', add: 'Add a line', remove: 'Remove line {{n}}', up: 'Move line {{n}} up', down: 'Move line {{n}} down', none: 'No line items.',
    sum: 'Sum of the lines', sumOk: 'matches the {{target}}', sumMismatch: 'differs from the {{target}} ({{expected}})', expected: 'quantity × unit price = {{expected}}',
    help: 'Alt+↑/↓ moves a line, Alt+Enter adds one below, Alt+Delete removes it.', edit: 'Edit line items', cancel: 'Cancel', save: 'Save line items',
    saved: 'Line items saved.', row: 'Line {{n}}', actions: 'Move or remove', subtotal: 'subtotal', total: 'total',
  },
  decide: {
    nextFlagged: 'Next flagged field (F8)', reason: 'Reason (optional)', reject: 'Reject', notInvoice: 'Not an invoice', rejected: 'Rejected. Next invoice.',
    notInvoiceDone: 'Marked as not an invoice. Next invoice.', undo: 'Undo', undone: 'Undone: the invoice is as it was before the save.', open: 'Open for correction',
    chosen: 'Opened from the invoice page; Skip returns to the queue.', flagged: '{{count}} flagged', rejection: 'Rejected by {{user}} on {{date}}',
    outcomes: { rejected: 'Rejected', not_invoice: 'Not an invoice' },
  },
  analytics: {
    title: 'Analytics', revenue: 'Revenue per month', invoices: 'Invoices per month', top: 'Top customers', segments: 'Segments', size: 'Customers', share: 'Share of revenue',
    centroid: 'Centroid (recency days / frequency / monetary)', scatter: 'Customers by recency and monetary value', recency: 'Recency (days)', monetary: 'Monetary value',
    movements: 'Movements since the previous run', noMovements: 'No movement (or no previous run).', customers: 'Customers per segment', segment: 'Segment',
    export: 'Export CSV', noData: 'No invoices in this range yet.', noRun: 'No segmentation run yet.', recompute: 'Run segmentation now', queued: 'Segmentation queued.',
    range: 'Issue dates', from: 'Issued from', to: 'to', frequency: 'Frequency', run: 'Run of {{date}}: {{customers}} customers, k = {{k}}',
    kmeans: 'k-means clusters (centroid figures)', rfmGrid: 'Classic RFM segments (R x F grid of the quintile scores)', means: 'Means (recency days / frequency / monetary)',
    criteria: 'How k was chosen (criteria of every k tried)', silhouette: 'Silhouette', stability: 'Stability across seeds', rank: 'Mean rank',
    weakStructure: 'k-means found little structure in these customers (they spread along a continuum rather than form groups): read the classic RFM segments below.',
    noStructure: 'Too few distinct customers to cluster: one segment. The classic RFM segments are below.',
    period: 'Period', presets: { '3m': 'Last 3 months', '12m': 'Last 12 months', year: 'This year', lastYear: 'Last year', all: 'All time', custom: 'Custom dates' },
    totals: 'Totals of the period', totalRevenue: 'Revenue', totalInvoices: 'Invoices', averageInvoice: 'Average invoice', totalCustomers: 'Customers',
    revenueNote: 'done invoices in {{currency}}', allStatuses: 'every status',
    customer: 'Customer', invoiceCount: 'Invoices', revenueColumn: 'Revenue', fromSegment: 'From', toSegment: 'To', moved: 'Customers',
    barHint: 'Click a month to open its invoices.', segmentHint: 'Click a segment to list its customers.', monthLink: '{{month}}: {{value}}',
    customersOf: 'Customers of {{segment}}', kmeansGroup: 'k-means segments', rfmGroup: 'Classic RFM segments', showCustomers: 'Show the customers of {{segment}}',
  },
  monitoring: {
    worker: 'Worker', load: 'Busy / slots', processedFailed: 'Processed ✓ failed ✗',
    title: 'Monitoring', throughput: 'Throughput (invoices/min, last hour)', latency: 'OCR latency', queues: 'Queues', rates: 'Rates', errorRate: 'Error rate', reviewRate: 'Review rate',
    workers: 'Workers alive', api: 'API latency by route', route: 'Route', requests: 'Requests', errors: 'Errors', updated: 'Updated {{time}} (every 5 s)', busy: 'busy',
    samples: '{{count}} samples', adminOnly: 'Monitoring is for administrators.', perMinute: 'per minute', noWorkers: 'No worker alive.',
    organizationScope: "Your organization's figures. Queues, workers and API traffic of the whole platform are shown to platform operators.",
    queue: 'Queue', failedJobs: 'Failed jobs', noFailed: 'No failed job of your organization.', job: 'Job', error: 'Error', attempts: 'Attempts', failedAt: 'Failed at',
    retry: 'Retry', remove: 'Remove', retried: 'Job {{id}} queued again.', removed: 'Job {{id}} removed.',
    states: { waiting: 'waiting', prioritized: 'waiting (priority)', active: 'active', delayed: 'delayed', failed: 'failed', completed: 'completed' },
  },
};

export type Resources = typeof en;

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'invoice-ocr.language';

/** English ships with the app (the fallback); other languages come in their own chunk when chosen. */
const LOADERS: Record<Language, () => Promise<Resources>> = {
  en: () => Promise.resolve(en),
  fr: async () => (await import('./i18n.fr.js')).fr,
};

function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The language asked for last: strings that finish loading after another choice do not override it. */
let requested: Language | undefined;

/** Loads a language's strings (once), then switches to it unless another language was chosen meanwhile. */
export async function setLanguage(lng: Language): Promise<void> {
  requested = lng;
  if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', await LOADERS[lng]());
  if (requested === lng) await i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(LANGUAGE_KEY, lng);
  document.documentElement.lang = lng;
});

/** Settles once the first language's strings are in: the app renders after it (no English flash for a French reader). */
export const i18nReady: Promise<void> = setLanguage(initialLanguage()).catch(() => undefined);

export default i18n;
