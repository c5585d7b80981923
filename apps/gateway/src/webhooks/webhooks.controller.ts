import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateWebhookRequestSchema,
  WebhookDeliveryListQuerySchema,
  uuidParam,
  type AuthUser,
  type CreateWebhookCommand,
  type CreatedWebhookResponse,
  type WebhookDeliveryListQuery,
  type WebhookDeliveryListResponse,
  type WebhookEndpointResponse,
} from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { EXAMPLE_IDS, EXAMPLE_WEBHOOK, EXAMPLE_WEBHOOK_DELIVERY } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import {
  ApiErrors,
  CreatedWebhookResponseSchema,
  WebhookDeliveryListResponseSchema,
  WebhookEndpointResponseSchema,
} from '../openapi/response.schemas.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { WebhooksService } from './webhooks.service.js';

/** Admins register the URLs their organization's invoice events are POSTed to (signed, retried; see docs/api.md "Webhooks"). */
@ApiTags('webhooks')
@ApiBearerAuth(BEARER)
@ApiErrors(401, 403)
@Controller('webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint (admin); the answer shows its signing secret, once',
    description:
      'Events: invoice.done, invoice.needs_review, invoice.failed (all when `events` is omitted). The secret (Standard Webhooks, `whsec_...`) ' +
      'is generated when omitted. Each delivery is a POST of JSON `{id, type, createdAt, data}` with the headers webhook-id, webhook-timestamp ' +
      'and webhook-signature (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`), retried with exponential backoff until a 2xx answer.',
  })
  @ApiZodBody(CreateWebhookRequestSchema, {
    url: 'https://erp.example.com/hooks/invoices',
    events: ['invoice.done', 'invoice.needs_review'],
  })
  @ApiZodResponse(
    201,
    CreatedWebhookResponseSchema,
    { ...EXAMPLE_WEBHOOK, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=' },
    'Created',
  )
  @ApiErrors(400, 409)
  create(
    @CurrentUser() user: AuthUser,
    @Body({ schema: CreateWebhookRequestSchema }) body: CreateWebhookCommand,
  ): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Webhook endpoints of the organization (admin; secrets are not shown)' })
  @ApiZodResponse(200, WebhookEndpointResponseSchema.array(), [EXAMPLE_WEBHOOK])
  list(@CurrentUser() user: AuthUser): Promise<WebhookEndpointResponse[]> {
    return this.webhooks.list(user.organizationId);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint and its delivery records (admin); nothing more is sent to it' })
  @ApiParam({ name: 'webhookId', example: EXAMPLE_IDS.webhookId })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiErrors(400, 404)
  async remove(@CurrentUser() user: AuthUser, @Param('webhookId', { schema: uuidParam('webhookId') }) webhookId: string): Promise<void> {
    await this.webhooks.remove(user.organizationId, webhookId);
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: 'Deliveries to a webhook endpoint, newest first (admin): event, status, attempts, last answer and error' })
  @ApiParam({ name: 'webhookId', example: EXAMPLE_IDS.webhookId })
  @ApiZodQuery(WebhookDeliveryListQuerySchema)
  @ApiZodResponse(200, WebhookDeliveryListResponseSchema, { items: [EXAMPLE_WEBHOOK_DELIVERY], nextCursor: null })
  @ApiErrors(400, 404)
  deliveries(
    @CurrentUser() user: AuthUser,
    @Param('webhookId', { schema: uuidParam('webhookId') }) webhookId: string,
    @Query({ schema: WebhookDeliveryListQuerySchema }) query: WebhookDeliveryListQuery,
  ): Promise<WebhookDeliveryListResponse> {
    return this.webhooks.deliveries(user.organizationId, webhookId, query);
  }
}
