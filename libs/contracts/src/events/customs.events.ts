/** Payloads of the events the customs service publishes on `customs.events.v1`. */

export interface DeclarationFacts {
  declarationId: string;
  shipmentId: string;
  shipperId: string;
  crossing: string;
  /** The leg that starts at the crossing (additive in v1; absent from older records). */
  legSequence?: number;
}

export interface CustomsDeclarationOpened extends DeclarationFacts {
  requiredDocuments: string[];
}
export interface CustomsDocumentsMissing extends DeclarationFacts {
  missing: string[];
}
export type CustomsInspectionStarted = DeclarationFacts;
export interface CustomsHeld extends DeclarationFacts {
  reason: string;
}
export type CustomsCleared = DeclarationFacts;
export interface CustomsRejected extends DeclarationFacts {
  reason: string;
}
export interface CustomsSlaBreached extends DeclarationFacts {
  deadline: string;
}

export interface CustomsEvents {
  'customs.declaration.opened': CustomsDeclarationOpened;
  'customs.documents.missing': CustomsDocumentsMissing;
  'customs.inspection.started': CustomsInspectionStarted;
  'customs.held': CustomsHeld;
  'customs.cleared': CustomsCleared;
  'customs.rejected': CustomsRejected;
  'customs.sla.breached': CustomsSlaBreached;
}
