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
        "Errors are JSON `{ statusCode, code, message, details?, correlationId? }`. Another organization's resources are a 404.",
    )
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'This gateway (the document is served by the gateway it describes)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .build();
  return declarePublicOperations(SwaggerModule.createDocument(app, config));
}

/**
 * An operation without a security requirement needs no token (only `@Public()` routes pass the
 * JwtAuthGuard without one; openapi.int-spec checks that the two agree): `security: []` says so
 * explicitly, as OpenAPI linters ask.
 */
function declarePublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation && !operation.security) operation.security = [];
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Invoice OCR API',
    swaggerOptions: { persistAuthorization: true },
  });
}
