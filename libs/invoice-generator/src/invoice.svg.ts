import QRCode from 'qrcode';
import type { InvoiceGroundTruth, InvoiceVariation } from './invoice.types.js';
import { escapeXml, formatItemColumn, formatTotalLine, LABELS, qrPayload } from './invoice.format.js';

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
      if (modules.data[row * n + col]) parts.push(`M${x + col * moduleSize} ${y + row * moduleSize}h${moduleSize}v${moduleSize}h-${moduleSize}z`);
    }
  }
  return { svg: `<path d="${parts.join('')}" fill="#000" shape-rendering="crispEdges"/>`, size: n * moduleSize };
}

function text(x: number, y: number, size: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" font-size="${size}" ${attrs}>${escapeXml(content)}</text>`;
}

/** The whole page as an SVG document (850x1100 px). */
export function buildInvoiceSvg(truth: InvoiceGroundTruth, v: InvoiceVariation): string {
  const labels = LABELS[truth.language];
  const right = PAGE_WIDTH - v.marginX;
  const family = escapeXml(v.fontFamily);
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
    text(logoX + logoSize + 10, logoY + logoSize / 2 + nameSize * 0.36, nameSize, v.companyName, `font-weight="bold" fill="${v.logoColor}"`),
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
      text(right, itemY, v.bodySize, formatItemColumn(item.quantity, item.unitPrice, truth.language), `fill="${ITEM_COLOR}" font-family="${MONO}" text-anchor="end" xml:space="preserve"`),
    );
    itemY += step;
  }
  const ruleY = itemY - step + Math.round(v.bodySize * 1.2);
  body.push(`<rect x="${v.marginX}" y="${ruleY}" width="${right - v.marginX}" height="2" fill="${TOTAL_COLOR}"/>`);
  body.push(
    text(right, ruleY + Math.round(v.bodySize * 2), v.bodySize, formatTotalLine(truth.total, truth.language), `fill="${TOTAL_COLOR}" font-family="${MONO}" font-weight="bold" text-anchor="end" xml:space="preserve"`),
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}">`,
    `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#fff"/>`,
    `<g transform="rotate(${v.rotationDeg} ${PAGE_WIDTH / 2} ${PAGE_HEIGHT / 2})" font-family="${family}" fill="#111">`,
    ...body,
    '</g>',
    '</svg>',
  ].join('\n');
}
