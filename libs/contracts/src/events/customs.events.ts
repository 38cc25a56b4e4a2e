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
  /**
   * Each required document with why; the Goods Declaration's `procedure` (export, import, transit) and the TIR
   * carnet's `tir` stage (start, border, termination). Additive in v1.
   */
  requirements?: { document: string; why: string; procedure?: string; tir?: string }[];
}
export interface CustomsDocumentsMissing extends DeclarationFacts {
  missing: string[];
  /** `arrival`: the cargo is at the border and held; `reminder`: it is expected soon (additive in v1). */
  stage?: 'arrival' | 'reminder';
  /** For a reminder: when the cargo is expected at the crossing. */
  expectedAt?: string;
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
  /** Since when the clock ran (arrival at the crossing) and the status when it ran out (additive in v1). */
  arrivedAt?: string;
  status?: string;
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
