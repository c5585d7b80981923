import type { WebhookDeliveryStatus, WebhookEventBody, WebhookEventType } from '@invoice/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One event to deliver to one endpoint: its body, and how the attempts went. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  /** Also the event id (`webhook-id` header and `id` of the body). */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId!: string;

  @Column('uuid', { name: 'document_id' })
  documentId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: WebhookEventType;

  @Column('jsonb')
  payload!: WebhookEventBody;

  @Column('text', { default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('integer', { name: 'response_code', nullable: true })
  responseCode!: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt!: Date | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;
}
