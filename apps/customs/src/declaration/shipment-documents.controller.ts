import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAnswers, ApiJsonBody, Idempotent, Roles, uuidOr404, ZodBody } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { DeclarationService, type ShipmentPapers } from './declaration.service';
import {
  attachDocumentExample,
  attachDocumentSchema,
  shipmentDocumentsExample,
  type AttachDocument,
} from './dto/declaration.dto';

/**
 * A shipment's papers: each document once, reused at every crossing whose checklist asks for it (an officer's
 * filing at its own crossing only, see `DeclarationService.file`). Who may call:
 * as for a declaration's documents (a broker for its shippers, an officer for its crossing's checklist, an
 * operator); a shipper reads its own. Another tenant's shipment is 404.
 */
@ApiTags('declarations')
@Controller('v1/shipments/:shipmentId/documents')
export class ShipmentDocumentsController {
  constructor(private readonly declarations: DeclarationService) {}

  @Get()
  @Roles('shipper', 'customs_broker', 'customs_officer', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description:
        'The current document of each type, where each is required, what is still missing, and the declarations ' +
        'the caller may see',
      example: shipmentDocumentsExample,
    },
    403,
    404,
  )
  async list(@CurrentPrincipal() principal: Principal, @Param('shipmentId') shipmentId: string) {
    return this.view(await this.declarations.shipmentPapers(principal, uuidOr404(shipmentId, 'shipment')));
  }

  @Post()
  @HttpCode(200)
  @Idempotent()
  @Roles('customs_broker', 'customs_officer', 'operator')
  @ApiJsonBody(attachDocumentSchema, attachDocumentExample)
  @ApiAnswers(
    {
      status: 200,
      description:
        'Filed (replacing the current one of its type): by a broker or operator for the whole shipment, by an ' +
        'officer for its own crossing only. Every open declaration it applies to, except one under INSPECTION, is ' +
        're-evaluated and complete ones move to DOCUMENTS_COMPLETE. 409 DOCUMENT_NOT_REQUIRED when no crossing ' +
        'asks for it, NO_OPEN_DECLARATION_ASKS when every one that asks is cleared, rejected or closed',
      example: shipmentDocumentsExample,
    },
    403,
    404,
    409,
    422,
  )
  async attach(
    @CurrentPrincipal() principal: Principal,
    @Param('shipmentId') shipmentId: string,
    @Body(new ZodBody(attachDocumentSchema)) body: AttachDocument,
  ) {
    return this.view(await this.declarations.attachToShipment(principal, uuidOr404(shipmentId, 'shipment'), body));
  }

  private view({ shipmentId, documents, crossingDocuments, declarations }: ShipmentPapers) {
    const crossingsAsking = (type: string) =>
      declarations.filter((d) => d.requiredDocuments.includes(type)).map((d) => d.crossing ?? '');
    const types = [...new Set(declarations.flatMap((d) => d.requiredDocuments))];
    const relevant = new Set(types);
    return {
      shipmentId,
      // An officer sees only the papers its own crossing's checklist asks for.
      documents: documents
        .filter((d) => relevant.has(d.type))
        .map((d) => ({ ...d, requiredAt: crossingsAsking(d.type) })),
      // Filed by an officer for its crossing only: they count there, beside (or instead of) the shipment-wide one.
      crossingDocuments,
      required: types.map((document) => ({
        document,
        attached: documents.some((d) => d.type === document),
        crossings: crossingsAsking(document),
      })),
      declarations: declarations.map((d) => ({
        id: d.id,
        crossing: d.crossing,
        leg: d.legSequence,
        status: d.status,
        missingDocuments: this.declarations
          .checklist(d)
          .filter((item) => item.status !== 'attached')
          .map((item) => item.document),
      })),
    };
  }
}
