import { generateInvoiceData } from './invoice.data.js';
import { renderInvoice, resolveVariation } from './invoice.renderer.js';
import type { Degradation } from './invoice.degrade.js';
import type { GeneratedInvoice, GenerateOptions, ImageFormat, InvoiceGroundTruth, InvoiceVariation } from './invoice.types.js';

export interface GenerateInvoiceOptions extends GenerateOptions {
  format?: ImageFormat;
  variation?: Partial<InvoiceVariation>;
  /** Harder renderings: resolution, rotation, blur, uneven lighting. */
  degrade?: Degradation;
}

/** Ground truth and rendered image for one seed; the seed drives both the data and the look. */
export async function generateInvoice(seed: number, options: GenerateInvoiceOptions = {}): Promise<GeneratedInvoice> {
  const truth = generateInvoiceData(seed, {
    language: options.language,
    withEmail: options.withEmail,
    layout: options.layout,
    withTax: options.withTax,
  });
  const format = options.format ?? 'png';
  const renderOptions = { format, seed, variation: options.variation, degrade: options.degrade };
  const image = await renderInvoice(truth, renderOptions);
  return {
    truth,
    image,
    mimeType: format === 'jpeg' ? 'image/jpeg' : 'image/png',
    variation: resolveVariation(truth, renderOptions),
  };
}

/**
 * The ground truth as the page prints it: the classic layout names its issuer only by its logo's company name, which
 * is then the vendor (other layouts print their own vendor).
 */
export function printedTruth(truth: InvoiceGroundTruth, variation: Pick<InvoiceVariation, 'companyName'>): InvoiceGroundTruth {
  return { ...truth, vendorName: truth.vendorName ?? variation.companyName };
}
