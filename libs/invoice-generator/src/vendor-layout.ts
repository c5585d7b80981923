import sharp from 'sharp';
import { escapeXml, formatAmount, formatItemColumn } from './invoice.format.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from './invoice.svg.js';
import { createRng } from './prng.js';
import type { InvoiceGroundTruth } from './invoice.types.js';

/**
 * Other vendors' layouts, for the learned-template work: the same ground truth printed with labels the
 * generic extraction does not know, no QR code, a shipping date printed before the invoice date, and the
 * customer block under a heading. 'columns': labels in a left column, values in a right column.
 * 'stacked': each label above its value.
 */
export interface VendorLayout {
  name: 'columns' | 'stacked';
  vendorName: string;
  vendorAddress: string;
  labels: { number: string; shipped: string; dated: string; customer: string; total: string };
}

export const VENDOR_LAYOUTS: Record<VendorLayout['name'], VendorLayout> = {
  columns: {
    name: 'columns',
    vendorName: 'NORTHWIND TRADING LTD',
    vendorAddress: '12 Harbour Road, Leeds LS1 4AB',
    labels: { number: 'Reference', shipped: 'Shipped', dated: 'Dated', customer: 'Customer', total: 'Amount payable' },
  },
  stacked: {
    name: 'stacked',
    vendorName: 'Globex Industrial Supply',
    vendorAddress: '400 Canal Street, Springfield',
    labels: { number: 'Document ref.', shipped: 'Dispatch', dated: 'Billing day', customer: 'Sold to', total: 'Balance owed' },
  },
};

const ddmmyyyy = (iso: string): string => iso.split('-').reverse().join('/');

function shippedDate(issueDate: string): string {
  const d = new Date(`${issueDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 2);
  return d.toISOString().slice(0, 10);
}

function text(x: number, y: number, size: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" font-size="${size}" ${attrs}>${escapeXml(content)}</text>`;
}

/** The page as SVG; `seed` shifts the block a little (another print, another scan). */
export function buildVendorLayoutSvg(truth: InvoiceGroundTruth, layout: VendorLayout, seed: number): string {
  const rng = createRng(seed);
  const x = 60 + rng.int(0, 20);
  let y = 70 + rng.int(0, 20);
  const size = 17;
  const right = PAGE_WIDTH - 60;
  const body: string[] = [];
  const l = layout.labels;
  body.push(text(x, y, 26, layout.vendorName, 'font-weight="bold"'));
  y += 28;
  body.push(text(x, y, 14, layout.vendorAddress));
  y += 70;
  const fields: [string, string][] = [
    [l.number, truth.invoiceNumber],
    [l.shipped, ddmmyyyy(shippedDate(truth.issueDate))],
    [l.dated, ddmmyyyy(truth.issueDate)],
  ];
  if (layout.name === 'columns') {
    for (const [label, value] of fields) {
      body.push(text(x, y, size, label), text(x + 260, y, size, value));
      y += 34;
    }
  } else {
    // Three label/value pairs side by side, each label above its value.
    fields.forEach(([label, value], i) => {
      body.push(text(x + i * 250, y, 14, label, 'font-weight="bold"'), text(x + i * 250, y + 26, size, value));
    });
    y += 80;
  }
  y += 30;
  body.push(text(x, y, size, l.customer, 'font-weight="bold"'));
  for (const lineText of [truth.customerName, truth.customerAddressLine1, truth.customerAddressLine2]) {
    y += 27;
    body.push(text(x, y, size, lineText));
  }
  y += 70;
  for (const item of truth.lineItems) {
    body.push(text(x, y, size, item.description));
    body.push(
      text(right, y, size, formatItemColumn(item.quantity, item.unitPrice, truth.language), 'text-anchor="end" xml:space="preserve"'),
    );
    y += 36;
  }
  body.push(`<rect x="${x}" y="${y - 16}" width="${right - x}" height="2" fill="#333"/>`);
  y += 30;
  const amount = `${formatAmount(truth.total, truth.language)} Euro`;
  if (layout.name === 'columns') {
    body.push(text(430, y, size, l.total, 'font-weight="bold"'), text(right, y, size, amount, 'text-anchor="end"'));
  } else {
    body.push(text(right - 220, y, 14, l.total, 'font-weight="bold"'), text(right - 220, y + 28, size, amount));
  }
  body.push(text(x, PAGE_HEIGHT - 60, 13, 'Thank you for your business. Payment within 30 days.'));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}">`,
    `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#fff"/>`,
    `<g font-family="DejaVu Sans" fill="#111">`,
    ...body,
    '</g>',
    '</svg>',
  ].join('\n');
}

/** Renders the invoice in another vendor's layout (PNG, 850x1100). */
export async function renderVendorLayoutInvoice(truth: InvoiceGroundTruth, layout: VendorLayout, seed = 1): Promise<Buffer> {
  return sharp(Buffer.from(buildVendorLayoutSvg(truth, layout, seed)), { density: 72 })
    .resize(PAGE_WIDTH, PAGE_HEIGHT, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
}
