import type { WebhookEventType } from '@invoice/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A URL an organization asked to be notified at, with the secret its deliveries are signed with. */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Column('text')
  url!: string;

  /** Standard Webhooks secret (`whsec_...`); shown once, at registration. */
  @Column('text')
  secret!: string;

  @Column('text', { array: true })
  events!: WebhookEventType[];

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
