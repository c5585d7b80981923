import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { OrganizationOnEveryRow1764100000000 } from './1764100000000-organization-on-every-row.js';
import { DocumentsCompletedIndex1764200000000 } from './1764200000000-documents-completed-index.js';
import { InvoiceCustomerKey1764300000000 } from './1764300000000-invoice-customer-key.js';
import { Segmentation1764400000000 } from './1764400000000-segmentation.js';
import { InvoiceCorrections1764500000000 } from './1764500000000-invoice-corrections.js';
import { Batches1764600000000 } from './1764600000000-batches.js';
import { Webhooks1764700000000 } from './1764700000000-webhooks.js';
import { DocumentPageCount1764800000000 } from './1764800000000-document-page-count.js';
import { InvoiceFieldsConfidence1764900000000 } from './1764900000000-invoice-fields-confidence.js';
import { VendorTemplates1765000000000 } from './1765000000000-vendor-templates.js';
import { InvoiceDocumentTypeFields1765100000000 } from './1765100000000-invoice-document-type-fields.js';
import { SegmentationCriteria1765200000000 } from './1765200000000-segmentation-criteria.js';
import { UserTokenVersion1765300000000 } from './1765300000000-user-token-version.js';
import { InvoiceReviewAcceptance1765400000000 } from './1765400000000-invoice-review-acceptance.js';
import { InvoiceEinvoiceFields1765560000000 } from './1765560000000-invoice-einvoice-fields.js';
import { ReviewRejectionUndo1765570000000 } from './1765570000000-review-rejection-undo.js';
import { DocumentPageImages1765591000000 } from './1765591000000-document-page-images.js';
import { RefreshTokens1765592000000 } from './1765592000000-refresh-tokens.js';

/** Every migration, in order. Listed explicitly (no globs) so the built output and the tests agree. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  OrganizationOnEveryRow1764100000000,
  DocumentsCompletedIndex1764200000000,
  InvoiceCustomerKey1764300000000,
  Segmentation1764400000000,
  InvoiceCorrections1764500000000,
  Batches1764600000000,
  Webhooks1764700000000,
  DocumentPageCount1764800000000,
  InvoiceFieldsConfidence1764900000000,
  VendorTemplates1765000000000,
  InvoiceDocumentTypeFields1765100000000,
  SegmentationCriteria1765200000000,
  UserTokenVersion1765300000000,
  InvoiceReviewAcceptance1765400000000,
  InvoiceEinvoiceFields1765560000000,
  ReviewRejectionUndo1765570000000,
  DocumentPageImages1765591000000,
  RefreshTokens1765592000000,
];
