import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAnswers, ApiJsonBody, Idempotent, Roles, ZodBody, uuidOr404 } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import type { ChecklistItem } from './declaration-workflow';
import type { Declaration } from './declaration.entity';
import { DeclarationService } from './declaration.service';
import {
  attachDocumentExample,
  attachDocumentSchema,
  declarationExample,
  declarationSummaryExample,
  listDeclarationsSchema,
  reasonSchema,
  type AttachDocument,
  type ListDeclarations,
  type Reason,
} from './dto/declaration.dto';

/**
 * The declaration with its checklist as of now (a document expired before the cargo is at the crossing counts as
 * missing).
 */
function declarationView(d: Declaration, checklist: ChecklistItem[]) {
  return {
    id: d.id,
    shipmentId: d.shipmentId,
    crossing: d.crossing,
    leg: d.legSequence,
    status: d.status,
    reason: d.reason,
    requiredDocuments: d.requiredDocuments,
    // Declarations opened before the rules knew mode and direction have the documents without why.
    requirements: d.requirements ?? d.requiredDocuments.map((document) => ({ document })),
    missingDocuments: checklist.filter((item) => item.status !== 'attached').map((item) => item.document),
    checklist,
    documents: d.documents,
    expectedAt: d.expectedAt?.toISOString() ?? null,
    arrivedAt: d.arrivedAt?.toISOString() ?? null,
    clearanceDueAt: d.clearanceDueAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * Brokers attach documents for their shippers; officers decide at their crossing; operators see all.
 * A state that does not allow the action answers 409 with a `code`.
 */
@ApiTags('declarations')
@Controller('v1/declarations')
export class DeclarationController {
  constructor(private readonly declarations: DeclarationService) {}

  @Get()
  @Roles('shipper', 'customs_broker', 'customs_officer', 'operator')
  @ApiQuery({ name: 'shipmentId', format: 'uuid', required: false })
  @ApiQuery({ name: 'crossing', required: false, description: 'e.g. Torkham (an officer sees only its own)' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiAnswers(
    {
      status: 200,
      description:
        'Declarations the caller may see, newest bookings first (a booking’s crossings in route order), keyset-paged',
      example: { items: [declarationExample], nextCursor: null },
    },
    403,
    422,
  )
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodBody(listDeclarationsSchema)) query: ListDeclarations,
  ) {
    const page = await this.declarations.list(principal, query);
    return { items: page.items.map((d) => this.view(d)), nextCursor: page.nextCursor };
  }

  // Before `:id`, so `summary` is not taken for an id.
  @Get('summary')
  @Roles('customs_officer', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description:
        'What waits at each crossing with an open declaration (an officer: its own). ' +
        '`waiting` (cargo at the crossing, no decision) = awaitingDocuments + inspection + held + readyForDecision; ' +
        '`expected`: open, cargo not there yet',
      example: declarationSummaryExample,
    },
    403,
  )
  async summary(@CurrentPrincipal() principal: Principal) {
    return this.declarations.summary(principal);
  }

  @Get(':id')
  @Roles('shipper', 'customs_broker', 'customs_officer', 'operator')
  @ApiAnswers(
    { status: 200, description: 'One declaration with its history', example: { ...declarationExample, history: [] } },
    404,
  )
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { declaration, history } = await this.declarations.get(principal, uuidOr404(id, 'declaration'));
    return { ...this.view(declaration), history };
  }

  @Post(':id/documents')
  @HttpCode(200)
  @Idempotent()
  @Roles('customs_broker', 'customs_officer', 'operator')
  @ApiJsonBody(attachDocumentSchema, attachDocumentExample)
  @ApiAnswers(
    {
      status: 200,
      description:
        'Filed for the shipment (as POST /v1/shipments/{shipmentId}/documents): it counts at every crossing ' +
        'that asks for its type; complete checklists move to DOCUMENTS_COMPLETE',
      example: declarationExample,
    },
    404,
    409,
    422,
  )
  async attach(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodBody(attachDocumentSchema)) body: AttachDocument,
  ) {
    return this.view(await this.declarations.attachDocument(principal, uuidOr404(id, 'declaration'), body));
  }

  @Post(':id/inspection')
  @HttpCode(200)
  @Idempotent()
  @Roles('customs_officer', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description: 'Inspection started (customs.inspection.started)',
      example: { ...declarationExample, status: 'INSPECTION' },
    },
    404,
    409,
  )
  async inspect(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.view(await this.declarations.startInspection(principal, uuidOr404(id, 'declaration')));
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Idempotent()
  @Roles('customs_officer', 'operator')
  @ApiJsonBody(reasonSchema, { reason: 'seal number does not match the TIR carnet' })
  @ApiAnswers({ status: 200, description: 'Held (customs.held)', example: declarationExample }, 404, 409, 422)
  async hold(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodBody(reasonSchema)) body: Reason,
  ) {
    return this.view(await this.declarations.hold(principal, uuidOr404(id, 'declaration'), body.reason));
  }

  @Post(':id/clear')
  @HttpCode(200)
  @Idempotent()
  @Roles('customs_officer', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description: 'Cleared (customs.cleared); 409 DOCUMENTS_MISSING while the checklist is incomplete',
      example: { ...declarationExample, status: 'CLEARED', reason: null, missingDocuments: [] },
    },
    404,
    409,
  )
  async clear(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.view(await this.declarations.clear(principal, uuidOr404(id, 'declaration')));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Idempotent()
  @Roles('customs_officer', 'operator')
  @ApiJsonBody(reasonSchema, { reason: 'phytosanitary certificate forged' })
  @ApiAnswers(
    { status: 200, description: 'Rejected (customs.rejected)', example: { ...declarationExample, status: 'REJECTED' } },
    404,
    409,
    422,
  )
  async reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodBody(reasonSchema)) body: Reason,
  ) {
    return this.view(await this.declarations.reject(principal, uuidOr404(id, 'declaration'), body.reason));
  }

  private view(declaration: Declaration) {
    return declarationView(declaration, this.declarations.checklist(declaration));
  }
}
