import { Conflict, NotFound } from '@lib/errors';
import { conflictCode, type DeclarationAction, type DeclarationStatus } from './declaration-workflow';

/** No declaration by that id, or not one the caller may see (the same answer, on purpose). */
export class DeclarationNotFound extends NotFound {
  constructor(id: string) {
    super(`declaration ${id} not found`);
  }
}

/** No declaration of that shipment the caller may see: customs knows no such shipment for it (404 either way). */
export class ShipmentNotFound extends NotFound {
  constructor(id: string) {
    super(`shipment ${id} not found`);
  }
}

/** The declaration's status does not allow the action; the code names the status (e.g. DECLARATION_CLEARED). */
export class ActionNotAllowed extends Conflict {
  constructor(status: DeclarationStatus, action: DeclarationAction) {
    super(conflictCode(status, action), `a ${status} declaration does not allow ${action.replace('_', ' ')}`);
  }
}

/** The crossing's checklist (or, filed for the shipment, no checklist on its route) asks for this document type. */
export class DocumentNotRequired extends Conflict {
  constructor(type: string, where: string | null) {
    super('DOCUMENT_NOT_REQUIRED', `${type} is not required at ${where}`);
  }
}

/** Clearing needs every required document attached and valid when the cargo is at the crossing. */
export class DocumentsMissing extends Conflict {
  constructor(missing: string) {
    super('DOCUMENTS_MISSING', `cannot clear without: ${missing}`);
  }
}

/** Every declaration that asks for the document is cleared, rejected or closed: nothing is left to file it for. */
export class NoOpenDeclarationAsks extends Conflict {
  constructor(type: string) {
    super(
      'NO_OPEN_DECLARATION_ASKS',
      `no open declaration of this shipment asks for ${type}: ` +
        'every crossing asking for it is cleared, rejected or closed',
    );
  }
}
