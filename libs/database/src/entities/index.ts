import { BatchDocumentEntity, BatchEntity, IdempotencyKeyEntity } from './batch.entity.js';
import { DocumentFileEntity } from './document-file.entity.js';
import { DocumentEntity } from './document.entity.js';
import { InvoiceLineItemEntity } from './invoice-line-item.entity.js';
import { InvoiceEntity } from './invoice.entity.js';
import { OrganizationEntity } from './organization.entity.js';
import { UserEntity } from './user.entity.js';
import { VendorTemplateEntity } from './vendor-template.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

export {
  BatchDocumentEntity,
  BatchEntity,
  IdempotencyKeyEntity,
  DocumentFileEntity,
  DocumentEntity,
  InvoiceLineItemEntity,
  InvoiceEntity,
  OrganizationEntity,
  UserEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  VendorTemplateEntity,
};

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  DocumentEntity,
  DocumentFileEntity,
  InvoiceEntity,
  InvoiceLineItemEntity,
  BatchEntity,
  BatchDocumentEntity,
  IdempotencyKeyEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  VendorTemplateEntity,
];
