import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { findVendorTemplateCandidates } from '@invoice/database';
import {
  applyTemplate,
  layoutTokens,
  matchTemplate,
  mergeTemplateValues,
  type TemplateField,
  type VendorTemplate,
} from '@invoice/extraction';

export interface TemplateReading {
  extracted: ExtractedInvoice;
  /** The template the page matched, null when none did. */
  vendorKey: string | null;
  templateFields: TemplateField[];
}

/**
 * Reads a document again with the organization's learned vendor template of its layout, when one matches,
 * and merges the values into the extraction (see mergeTemplateValues: fills missing or failed fields,
 * and wins over the generic reading once two corrected examples agree). A failure here never fails the
 * job: the generic extraction stands.
 */
@Injectable()
export class VendorTemplateReader {
  private readonly logger = new Logger(VendorTemplateReader.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(organizationId: string, pages: readonly OcrPageResult[], extracted: ExtractedInvoice): Promise<TemplateReading> {
    try {
      // Every page's words, as the extraction indexes them: a layout is matched on its first page, totals may be on its last.
      const words = pages.flatMap((page) => page.words);
      const candidates = await findVendorTemplateCandidates<VendorTemplate>(this.dataSource, organizationId, layoutTokens(words));
      const found = matchTemplate(candidates, words);
      if (!found) return { extracted, vendorKey: null, templateFields: [] };
      const values = applyTemplate(found.match.template, words);
      const { invoice, templateFields } = mergeTemplateValues(extracted, values, { qrPayload: pages[0]?.qrPayload ?? null, words });
      return {
        extracted: { ...invoice, templateFields, vendorKey: found.match.vendorKey },
        vendorKey: found.match.vendorKey,
        templateFields,
      };
    } catch (error) {
      this.logger.warn({ organizationId, error: error instanceof Error ? error.message : String(error) }, 'vendor template not applied');
      return { extracted, vendorKey: null, templateFields: [] };
    }
  }
}
