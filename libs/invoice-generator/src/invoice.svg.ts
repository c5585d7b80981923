import QRCode from 'qrcode';
import type { InvoiceGroundTruth, InvoiceVariation } from './invoice.types.js';
import {
  escapeXml,
  formatDate,
  formatGroupedAmount,
  formatItemColumn,
  formatRate,
  formatTotalLine,
  LABELS,
  LAYOUT_LABELS,
  qrPayload,
} from './invoice.format.js';
import { hashString } from './prng.js';

export const PAGE_WIDTH = 850;
export const PAGE_HEIGHT = 1100;

const ITEM_COLOR = '#1a3fbf';
const TOTAL_COLOR = '#c8102e';
const MONO = 'DejaVu Sans Mono';

/** The QR code as one SVG path of unit squares, `moduleSize` px each, top-left at (x, y). */
export function qrSvg(payload: string, x: number, y: number, moduleSize: number): { svg: string; size: number } {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (modules.data[row * n + col])
        parts.push(`M${x + col * moduleSize} ${y + row * moduleSize}h${moduleSize}v${moduleSize}h-${moduleSize}z`);
    }
  }
  return { svg: `<path d="${parts.join('')}" fill="#000" shape-rendering="crispEdges"/>`, size: n * moduleSize };
}

function text(x: number, y: number, size: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" font-size="${size}" ${attrs}>${escapeXml(content)}</text>`;
}

/** The whole page as an SVG document (850x1100 px). */
export function buildInvoiceSvg(truth: InvoiceGroundTruth, v: InvoiceVariation): string {
  if (truth.layout === 'modern' || truth.layout === 'compact') return page(v, buildLayoutBody(truth, v, truth.layout));
  const labels = LABELS[truth.language];
  const right = PAGE_WIDTH - v.marginX;
  const body: string[] = [];

  // Left block: heading, issue date, customer.
  let y = v.marginY + v.titleSize;
  body.push(text(v.marginX, y, v.titleSize, `${labels.title} ${truth.invoiceNumber}`, 'font-weight="bold"'));
  y += Math.round(v.bodySize * 2.2);
  body.push(text(v.marginX, y, v.bodySize, `${labels.issueDate} ${truth.issueDate} ${truth.issueTime}`));
  y += Math.round(v.bodySize * 1.8);
  body.push(text(v.marginX, y, v.bodySize, `${labels.billTo} ${truth.customerName}`));
  if (truth.customerEmail !== null) {
    y += Math.round(v.bodySize * 1.6);
    body.push(text(v.marginX, y, v.bodySize, `${labels.email} ${truth.customerEmail}`));
  }
  y += Math.round(v.smallSize * 2.2);
  body.push(text(v.marginX, y, v.smallSize, `${labels.address} ${truth.customerAddressLine1}`));
  y += Math.round(v.smallSize * 1.5);
  // The city goes under the street, aligned with it (after the label).
  const labelWidth = Math.round(v.smallSize * 0.62 * (labels.address.length + 1));
  body.push(text(v.marginX + labelWidth, y, v.smallSize, truth.customerAddressLine2));
  const leftBottom = y;

  // Right block: QR code, then the logo under it.
  const qr = qrSvg(qrPayload(truth), 0, 0, 4);
  const qrX = right - qr.size;
  const qrY = v.marginY;
  body.push(`<g transform="translate(${qrX} ${qrY})">${qr.svg}</g>`);
  const logoY = qrY + qr.size + 16;
  const logoSize = 30;
  const nameSize = 15;
  const nameWidth = Math.round(v.companyName.length * nameSize * 0.62);
  const logoX = right - nameWidth - logoSize - 10;
  body.push(
    `<circle cx="${logoX + logoSize / 2}" cy="${logoY + logoSize / 2}" r="${logoSize / 2}" fill="${v.logoColor}"/>`,
    `<rect x="${logoX + 8}" y="${logoY + 8}" width="${logoSize - 16}" height="${logoSize - 16}" fill="#fff" transform="rotate(45 ${logoX + logoSize / 2} ${logoY + logoSize / 2})"/>`,
    text(
      logoX + logoSize + 10,
      logoY + logoSize / 2 + nameSize * 0.36,
      nameSize,
      v.companyName,
      `font-weight="bold" fill="${v.logoColor}"`,
    ),
  );
  const rightBottom = logoY + logoSize;

  // Item lines, the red rule and the total.
  const totalBlock = v.bodySize * 3.5;
  let itemY = Math.max(leftBottom, rightBottom) + Math.round(v.bodySize * 3);
  const available = PAGE_HEIGHT - v.marginY - totalBlock - itemY;
  const step = Math.min(Math.round(v.bodySize * 2.3), Math.floor(available / Math.max(truth.lineItems.length, 1)));
  for (const item of truth.lineItems) {
    body.push(text(v.marginX, itemY, v.bodySize, item.description, `fill="${ITEM_COLOR}"`));
    body.push(
      text(
        right,
        itemY,
        v.bodySize,
        formatItemColumn(item.quantity, item.unitPrice, truth.language),
        `fill="${ITEM_COLOR}" font-family="${MONO}" text-anchor="end" xml:space="preserve"`,
      ),
    );
    itemY += step;
  }
  const ruleY = itemY - step + Math.round(v.bodySize * 1.2);
  body.push(`<rect x="${v.marginX}" y="${ruleY}" width="${right - v.marginX}" height="2" fill="${TOTAL_COLOR}"/>`);
  body.push(
    text(
      right,
      ruleY + Math.round(v.bodySize * 2),
      v.bodySize,
      formatTotalLine(truth.total, truth.language),
      `fill="${TOTAL_COLOR}" font-family="${MONO}" font-weight="bold" text-anchor="end" xml:space="preserve"`,
    ),
  );

  return page(v, body);
}

function page(v: InvoiceVariation, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}">`,
    `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#fff"/>`,
    `<g transform="rotate(${v.rotationDeg} ${PAGE_WIDTH / 2} ${PAGE_HEIGHT / 2})" font-family="${escapeXml(v.fontFamily)}" fill="#111">`,
    ...body,
    '</g>',
    '</svg>',
  ].join('\n');
}

/**
 * The modern and compact layouts (see InvoiceLayout). Dates and the currency style vary with the invoice
 * number's hash; amounts carry thousands separators.
 */
function buildLayoutBody(truth: InvoiceGroundTruth, v: InvoiceVariation, layout: 'modern' | 'compact'): string[] {
  const labels = LAYOUT_LABELS[layout][truth.language];
  const lang = truth.language;
  const right = PAGE_WIDTH - v.marginX;
  const style = hashString(`${truth.invoiceNumber}:date`) % 3;
  const date = (iso: string | null | undefined) => formatDate(iso ?? '', lang, style);
  const money = (value: number) => `${formatGroupedAmount(value, lang)} ${labels.currency}`;
  const body: string[] = [];
  const qr = qrSvg(qrPayload(truth), 0, 0, 4);
  body.push(`<g transform="translate(${right - qr.size} ${v.marginY})">${qr.svg}</g>`);
  const [street = '', city = ''] = (truth.vendorAddress ?? '').split(', ');

  let y = v.marginY;
  const rightBottom = v.marginY + qr.size;
  if (layout === 'modern') {
    // Vendor block top left, the title under it.
    const nameSize = Math.round(v.titleSize * 0.75);
    y += nameSize;
    body.push(text(v.marginX, y, nameSize, truth.vendorName ?? '', 'font-weight="bold"'));
    y += Math.round(v.bodySize * 1.5);
    body.push(text(v.marginX, y, v.bodySize, street));
    y += Math.round(v.bodySize * 1.4);
    body.push(text(v.marginX, y, v.bodySize, city));
    y += Math.round(v.titleSize * 2);
    body.push(text(v.marginX, y, v.titleSize, `${labels.title} ${truth.invoiceNumber}`, 'font-weight="bold"'));
  } else {
    y += v.titleSize;
    body.push(text(v.marginX, y, v.titleSize, `${labels.title} ${truth.invoiceNumber}`, 'font-weight="bold"'));
  }
  y += Math.round(v.bodySize * 2.2);
  body.push(text(v.marginX, y, v.bodySize, `${labels.issueDate} ${date(truth.issueDate)}`));
  y += Math.round(v.bodySize * 1.6);
  body.push(text(v.marginX, y, v.bodySize, `${labels.dueDate} ${date(truth.dueDate)}`));
  y += Math.round(v.bodySize * 1.9);
  body.push(text(v.marginX, y, v.bodySize, `${labels.billTo} ${truth.customerName}`));
  if (truth.customerEmail !== null) {
    y += Math.round(v.bodySize * 1.6);
    body.push(text(v.marginX, y, v.bodySize, `${labels.email} ${truth.customerEmail}`));
  }
  y += Math.round(v.smallSize * 2.2);
  body.push(text(v.marginX, y, v.smallSize, `${labels.address} ${truth.customerAddressLine1}`));
  y += Math.round(v.smallSize * 1.5);
  const labelWidth = Math.round(v.smallSize * 0.62 * (labels.address.length + 1));
  body.push(text(v.marginX + labelWidth, y, v.smallSize, truth.customerAddressLine2));
  const leftBottom = y;

  // Items, a rule, then the totals block on the right.
  const totalLines = truth.taxRate === null || truth.taxRate === undefined ? 1 : 3;
  // The compact layout's vendor block goes under the totals, at the bottom left: four more lines.
  const vendorBlock = layout === 'compact' ? v.bodySize * 7.5 : 0;
  const totalBlock = v.bodySize * (1.6 * totalLines + 2.5) + vendorBlock;
  let itemY = Math.max(leftBottom, rightBottom) + Math.round(v.bodySize * 3);
  const available = PAGE_HEIGHT - v.marginY - totalBlock - itemY;
  const step = Math.min(Math.round(v.bodySize * 2.3), Math.floor(available / Math.max(truth.lineItems.length, 1)));
  const column = (q: number, p: number) => `${q} x ${formatGroupedAmount(p, lang).padStart(8)} ${labels.currency}`;
  for (const item of truth.lineItems) {
    body.push(text(v.marginX, itemY, v.bodySize, item.description, `fill="${ITEM_COLOR}"`));
    body.push(
      text(
        right,
        itemY,
        v.bodySize,
        column(item.quantity, item.unitPrice),
        `fill="${ITEM_COLOR}" font-family="${MONO}" text-anchor="end" xml:space="preserve"`,
      ),
    );
    itemY += step;
  }
  const ruleY = itemY - step + Math.round(v.bodySize * 1.2);
  body.push(`<rect x="${Math.round(PAGE_WIDTH / 2)}" y="${ruleY}" width="${right - Math.round(PAGE_WIDTH / 2)}" height="2" fill="#333"/>`);
  const labelX = Math.round(PAGE_WIDTH / 2 + 20);
  let ty = ruleY + Math.round(v.bodySize * 1.9);
  const totalRow = (label: string, value: string, bold = false) => {
    const weight = bold ? ' font-weight="bold"' : '';
    body.push(text(labelX, ty, v.bodySize, label, weight.trim()));
    body.push(text(right, ty, v.bodySize, value, `text-anchor="end"${weight}`));
    ty += Math.round(v.bodySize * 1.6);
  };
  if (totalLines === 3) {
    totalRow(labels.subtotal, money(truth.subtotal as number));
    totalRow(`${labels.tax} ${formatRate(truth.taxRate as number, lang)}`, money(truth.taxAmount as number));
  }
  totalRow(labels.total, money(truth.total), true);
  if (layout === 'compact') {
    // The vendor at the bottom left: the label alone, then name and address.
    let vy = ty + Math.round(v.bodySize * 1.5);
    body.push(text(v.marginX, vy, v.bodySize, labels.vendor));
    vy += Math.round(v.bodySize * 1.5);
    body.push(text(v.marginX, vy, v.bodySize, truth.vendorName ?? '', 'font-weight="bold"'));
    vy += Math.round(v.bodySize * 1.4);
    body.push(text(v.marginX, vy, v.bodySize, street));
    vy += Math.round(v.bodySize * 1.4);
    body.push(text(v.marginX, vy, v.bodySize, city));
  }
  return body;
}
