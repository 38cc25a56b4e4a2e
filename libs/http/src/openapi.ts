import { applyDecorators } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { problemTitle } from './problem';

export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
}

/** JSON Schema of a zod schema, as OpenAPI 3.1 takes it (zod is the one source of truth for validation and docs). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema; // a fresh object per call; OpenAPI documents carry no `$schema`
  return json;
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'machine-readable reason of a 409, e.g. AWAITING_CLEARANCE' },
    errors: {
      type: 'array',
      description: 'every invalid field of a 422',
      items: {
        type: 'object',
        properties: { field: { type: 'string', example: 'legs[0].from.locode' }, reason: { type: 'string' } },
      },
    },
  },
};

/** A JSON request body documented from its zod schema, with an example. */
export const ApiJsonBody = (schema: z.ZodType, example: unknown) =>
  ApiBody({ schema: { ...jsonSchemaOf(schema), example } as never });

/** The success answer with an example, and the problem+json answers the route can give. */
export const ApiAnswers = (success: { status: number; description: string; example: unknown }, ...problems: number[]) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiResponse({
      status: success.status,
      description: success.description,
      schema: { type: 'object', example: success.example },
    }),
    ApiResponse({
      status: 401,
      description: problemTitle(401),
      content: { 'application/problem+json': { schema: problemSchema } },
    }),
    ApiResponse({
      status: 429,
      description: problemTitle(429),
      content: { 'application/problem+json': { schema: problemSchema } },
    }),
    ...problems.map((status) =>
      ApiResponse({
        status,
        description: problemTitle(status),
        content: { 'application/problem+json': { schema: problemSchema } },
      }),
    ),
  );

/** Serves the OpenAPI document at `/docs-json` and the UI at `/docs` (both open: they hold no data). */
export function setupOpenApi(app: NestFastifyApplication, info: OpenApiInfo): void {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: '<keyId>.<secret>',
      description: 'API key from `npm run keys -- create`',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
}
