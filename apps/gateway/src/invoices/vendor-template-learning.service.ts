import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InvoiceCorrection } from '@invoice/contracts';
import { findVendorTemplateCandidates, InvoiceEntity, lockVendorTemplates, saveVendorTemplate } from '@invoice/database';
import {
  layoutTokens,
  learnFromPage,
  matchTemplate,
  TEMPLATE_FIELDS,
  vendorKey,
  type CorrectedFields,
  type VendorTemplate,
} from '@invoice/extraction';

export interface LearnedTemplate {
  vendorKey: string;
  examples: number;
  /** Corrected fields whose value was found on the page. */
  fields: string[];
}

/**
 * Learning from corrections: the fields a person sent in a correction (or, when the save ends the invoice's
 * review, every field it holds), found in the invoice's stored OCR words, update the template of the invoice's
 * layout (the organization's template the page matches, or a new one): where each value is printed, how often
 * the template's own reading of it was right, and which fields the layout leaves empty. The next invoices of
 * that layout are read with it by the OCR worker.
 */
@Injectable()
export class VendorTemplateLearningService {
  private readonly logger = new Logger(VendorTemplateLearningService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `reviewed`: the person finished the invoice's review with this save, so every field it holds is a value they
   * checked (an empty one: the layout prints none); else only the fields of the correction teach.
   */
  async learn(
    organizationId: string,
    documentId: string,
    correction: InvoiceCorrection,
    options: { reviewed?: boolean } = {},
  ): Promise<LearnedTemplate | null> {
    const invoice = await this.dataSource.getRepository(InvoiceEntity).findOne({
      select: { id: true, ocrWords: true, ...Object.fromEntries(TEMPLATE_FIELDS.map((f) => [f, true])) },
      where: { documentId, organizationId },
    });
    if (!invoice || invoice.ocrWords.length === 0) return null;
    const source = (options.reviewed ? invoice : correction) as Record<string, unknown>;
    const corrected: CorrectedFields = {};
    for (const field of TEMPLATE_FIELDS) {
      const value = source[field];
      if (value !== undefined) corrected[field] = value === '' ? null : value;
    }
    if (Object.keys(corrected).length === 0) return null;
    const words = invoice.ocrWords;

    return this.dataSource.transaction(async (manager) => {
      await lockVendorTemplates(manager, organizationId);
      const candidates = await findVendorTemplateCandidates<VendorTemplate>(manager, organizationId, layoutTokens(words));
      const match = matchTemplate(candidates, words)?.match;
      const { template, learned } = learnFromPage(words, corrected, match?.template ?? null, documentId);
      // None of the corrected values is printed on the page (or readable there), or this document taught them already: nothing to learn.
      if (learned.length === 0) return null;
      const key = match?.vendorKey ?? vendorKey(words);
      await saveVendorTemplate(manager, organizationId, key, template, Object.keys(template.tokens), template.examples);
      await manager.update(InvoiceEntity, { id: invoice.id }, { vendorKey: key });
      this.logger.log(
        { organizationId, documentId, vendorKey: key, examples: template.examples, fields: learned },
        'vendor template learned',
      );
      return { vendorKey: key, examples: template.examples, fields: learned };
    });
  }
}
