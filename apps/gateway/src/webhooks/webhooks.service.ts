import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  generateWebhookSecret,
  parseWebhookAllowance,
  webhookUrlRefusal,
  WEBHOOK_EVENT_TYPES,
  type AuthUser,
  type CreateWebhookCommand,
  type CreatedWebhookResponse,
  type WebhookDeliveryListQuery,
  type WebhookDeliveryListResponse,
  type WebhookDeliveryResponse,
  type WebhookEndpointResponse,
  type WebhookTargetAllowance,
} from '@invoice/contracts';
import { lockOrganization, WebhookDeliveryEntity, WebhookEndpointEntity } from '@invoice/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { decodeCursor, encodeCursor } from '../invoices/invoices.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Endpoints per organization: enough for real integrations, bounded so one event never fans out without limit. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

const toEndpoint = (row: WebhookEndpointEntity): WebhookEndpointResponse => ({
  id: row.id,
  url: row.url,
  events: row.events,
  createdAt: row.createdAt.toISOString(),
});

const toDelivery = (row: WebhookDeliveryEntity): WebhookDeliveryResponse => ({
  id: row.id,
  endpointId: row.endpointId,
  eventType: row.eventType,
  documentId: row.documentId,
  status: row.status,
  attempts: row.attempts,
  responseCode: row.responseCode,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
});

/** Webhook endpoints of an organization and their delivery records; another organization's are a 404. */
@Injectable()
export class WebhooksService {
  private readonly allowance: WebhookTargetAllowance;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.allowance = parseWebhookAllowance(config.WEBHOOK_ALLOWED_TARGETS).allowance;
  }

  async create(user: AuthUser, body: CreateWebhookCommand): Promise<CreatedWebhookResponse> {
    // Internal addresses in any spelling are refused here; host names again by the worker after DNS resolution.
    const refusal = webhookUrlRefusal(body.url, this.allowance);
    if (refusal) throw new DomainError('VALIDATION_FAILED', refusal);
    return this.dataSource.transaction(async (manager) => {
      // Serializes registrations of one organization, so the limit holds under concurrent requests.
      await lockOrganization(manager, user.organizationId);
      const count = await manager.countBy(WebhookEndpointEntity, { organizationId: user.organizationId });
      if (count >= MAX_WEBHOOK_ENDPOINTS) {
        throw new DomainError(
          'CONFLICT',
          `An organization may register at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints: delete one first`,
        );
      }
      const secret = body.secret ?? generateWebhookSecret();
      const endpoint = manager.create(WebhookEndpointEntity, {
        id: randomUUID(),
        organizationId: user.organizationId,
        url: body.url,
        secret,
        events: body.events ?? [...WEBHOOK_EVENT_TYPES],
        createdBy: user.userId,
      });
      await manager.save(endpoint);
      return { ...toEndpoint(endpoint), secret };
    });
  }

  async list(organizationId: string): Promise<WebhookEndpointResponse[]> {
    const rows = await this.dataSource
      .getRepository(WebhookEndpointEntity)
      .find({ where: { organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toEndpoint);
  }

  /** Deletes the endpoint and its delivery records; deliveries still queued are dropped when their turn comes. */
  async remove(organizationId: string, id: string): Promise<void> {
    const result = UUID.test(id)
      ? await this.dataSource.getRepository(WebhookEndpointEntity).delete({ id, organizationId })
      : { affected: 0 };
    if (!result.affected) throw new DomainError('NOT_FOUND', `Webhook ${id} not found`);
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async deliveries(organizationId: string, endpointId: string, query: WebhookDeliveryListQuery): Promise<WebhookDeliveryListResponse> {
    const endpoint = UUID.test(endpointId)
      ? await this.dataSource.getRepository(WebhookEndpointEntity).existsBy({ id: endpointId, organizationId })
      : false;
    if (!endpoint) throw new DomainError('NOT_FOUND', `Webhook ${endpointId} not found`);
    const qb = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId AND d.organization_id = :organizationId', { endpointId, organizationId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(query.limit + 1);
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      qb.andWhere('(d.created_at, d.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(toDelivery), nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
}
