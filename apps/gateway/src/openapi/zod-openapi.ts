import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * A zod schema as an OpenAPI 3.0 schema object, through zod's own `z.toJSONSchema`: the document
 * describes exactly what the validation pipe accepts (`input`) or what a route answers (`output`).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json as SchemaObject;
}

/** The JSON body of a route, validated by `@Body({ schema })`, with an example. */
export function ApiZodBody(schema: z.ZodType, example: unknown, description?: string, required = true): MethodDecorator {
  return ApiBody({ required, description, schema: openApiSchema(schema), examples: { example: { value: example } } });
}

/** One query parameter per property of the zod object validated by `@Query({ schema })`. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = openApiSchema(schema);
  const required = new Set(json.required ?? []);
  const decorators = Object.entries(json.properties ?? {}).map(([name, property]) =>
    ApiQuery({ name, required: required.has(name), schema: property as SchemaObject }),
  );
  return applyDecorators(...decorators);
}

/** A successful answer described by a zod schema (its output side), with an example. */
export function ApiZodResponse(
  status: number,
  schema: z.ZodType,
  example: unknown,
  description = 'Success',
): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, content: { 'application/json': { schema: openApiSchema(schema, 'output'), example } } });
}

/** `multipart/form-data` with one or more binary parts named `field`. */
export function ApiMultipartFiles(field: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      required: true,
      description,
      schema: {
        type: 'object',
        required: [field],
        properties: { [field]: { type: 'array', items: { type: 'string', format: 'binary' }, minItems: 1 } },
      },
    }),
  );
}
