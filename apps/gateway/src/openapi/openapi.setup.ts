import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** Swagger UI and the OpenAPI JSON; served straight by Express, outside the guard, so no token is needed. */
export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';
export const BEARER = 'bearer';

/** The OpenAPI document, generated from the controllers and their decorators. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Invoice OCR gateway')
    .setDescription(
      'Upload invoices, follow their OCR jobs, read and correct the extracted invoices, customer segments and monitoring. ' +
        'Every /api route except POST /api/auth/token needs `Authorization: Bearer <access_token>` (get one from POST /api/auth/token). ' +
        'Errors are JSON `{ statusCode, code, message, details?, correlationId? }`. Another organization\'s resources are a 404.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Invoice OCR API',
    swaggerOptions: { persistAuthorization: true },
  });
}
