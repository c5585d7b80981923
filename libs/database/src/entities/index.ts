import { DocumentFileEntity } from './document-file.entity.js';
import { DocumentEntity } from './document.entity.js';
import { InvoiceLineItemEntity } from './invoice-line-item.entity.js';
import { InvoiceEntity } from './invoice.entity.js';
import { OrganizationEntity } from './organization.entity.js';
import { UserEntity } from './user.entity.js';
import { VendorTemplateEntity } from './vendor-template.entity.js';

export { DocumentFileEntity, DocumentEntity, InvoiceLineItemEntity, InvoiceEntity, OrganizationEntity, UserEntity, VendorTemplateEntity };

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  DocumentEntity,
  DocumentFileEntity,
  InvoiceEntity,
  InvoiceLineItemEntity,
  VendorTemplateEntity,
];
