export * from './invoice.types.js';
export { generateInvoiceData, emailLocalPart } from './invoice.data.js';
export { LABELS, formatAmount, formatItemColumn, formatTotalLine, qrPayload, escapeXml } from './invoice.format.js';
export { deriveVariation } from './invoice.variation.js';
export { buildInvoiceSvg, qrSvg, PAGE_WIDTH, PAGE_HEIGHT } from './invoice.svg.js';
export {
  renderInvoice,
  renderInvoicePdf,
  resolveVariation,
  linesPageSvg,
  type HardRenderOptions,
  type PdfRenderOptions,
} from './invoice.renderer.js';
export { degradePixels, validateDegradation, MAX_DEGRADE_ROTATION_DEG, type Degradation } from './invoice.degrade.js';
export { imagesToPdf, svgPagesToTextPdf, svgTexts } from './invoice.pdf.js';
export { generateInvoice, printedTruth, type GenerateInvoiceOptions } from './invoice.generator.js';
export { createRng, hashString, type Rng } from './prng.js';
export { VENDOR_LAYOUTS, buildVendorLayoutSvg, renderVendorLayoutInvoice, type VendorLayout } from './vendor-layout.js';
export { toUblInvoice, toCiiInvoice, toEInvoiceXml, EINVOICE_SYNTAXES, type EInvoiceSyntaxName } from './invoice.einvoice.js';
