import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { inTransaction } from '@lib/database';
import type { EventType } from '@lib/contracts';
import { FollowUps, type PlannedFollowUp } from '@lib/follow-ups';
import type { Principal } from '@lib/identity';
import { Outbox, type EventContext, type EventEnvelope } from '@lib/messaging';
import type { GreenChannel } from '../customs.config';
import {
  decide,
  ensureAllowed,
  ensureRequired,
  greenChannelClears,
  statusAfterAttaching,
  type ClearanceDecision,
} from './clearance-decisions';
import {
  canDo,
  checklist,
  describeMissing,
  documentsNeededAt,
  type ChecklistItem,
  type DeclarationAction,
  type DeclarationStatus,
  type NeededAt,
} from './declaration-workflow';
import { listDeclarations } from './declaration-list';
import { crossingSummaries, type CrossingSummary } from './declaration-summary';
import { canSeeDeclaration, declarationScope } from './declaration-visibility';
import { Declaration, type AttachedDocument } from './declaration.entity';
import {
  DeclarationNotFound,
  DocumentNotRequired,
  NoOpenDeclarationAsks,
  ShipmentNotFound,
} from './declaration.errors';
import { declarationFact } from './declaration.facts';
import {
  clearanceDeadline,
  DECLARATION_FOLLOW_UP_SETTINGS,
  documentsReminder,
  expectedAtCrossing,
  type DeclarationFollowUpSettings,
} from './declaration.follow-ups';
import { requirementsForRoute } from './document-rules';
import {
  currentFilings,
  documentChanges,
  documentsAt,
  documentsFor,
  fileDocument,
  shipmentWide,
  type Filing,
} from './shipment-documents';
import type { ListDeclarations } from './dto/declaration.dto';

export const GREEN_CHANNEL = Symbol('GREEN_CHANNEL');

/** The consumer's transaction, and what to do once it commits. */
export type ConsumerTx = Pick<EventContext, 'manager' | 'afterCommit'>;

const OPEN: DeclarationStatus[] = ['PENDING', 'DOCUMENTS_COMPLETE', 'ARRIVED', 'INSPECTION', 'HELD'];

/** A document as a caller files it (who and when are added). */
export type NewDocument = Omit<AttachedDocument, 'attachedAt' | 'attachedBy'>;

/**
 * A shipment's current documents as the caller may see them (an officer: those that count at its crossing), the
 * filings officers made for one crossing only (at crossings the caller may see), and its declarations it may see.
 */
export interface ShipmentPapers {
  shipmentId: string;
  documents: AttachedDocument[];
  crossingDocuments: (AttachedDocument & { crossing: string })[];
  declarations: Declaration[];
}

/** One row of a declaration's history, as `get` answers it. */
export interface HistoryEntry {
  from: DeclarationStatus | null;
  to: DeclarationStatus;
  actor: string;
  reason: string | null;
  at: Date;
}

/**
 * Declarations and clearance decisions: one declaration per crossing on the route, a document
 * checklist from the rules, and the workflow pending → documents complete → arrived → inspection →
 * held / cleared / rejected, with every change in the history and as a `customs.*` event.
 */
@Injectable()
export class DeclarationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(GREEN_CHANNEL) private readonly greenChannel: GreenChannel,
    private readonly followUps: FollowUps,
    @Inject(DECLARATION_FOLLOW_UP_SETTINGS) private readonly followUpSettings: DeclarationFollowUpSettings,
  ) {}

  /**
   * On `shipment.booked`: a declaration for each leg that starts at a crossing, and a reminder before the cargo is
   * expected there.
   */
  async openForBooking(
    { manager, afterCommit }: ConsumerTx,
    event: EventEnvelope<'shipment.booked'>,
  ): Promise<Declaration[]> {
    const { data } = event;
    const opened: Declaration[] = [];
    const reminders: PlannedFollowUp[] = [];
    const checklists = requirementsForRoute(data.cargo, data.legs);
    const filed = await currentFilings(manager, data.shipmentId);
    for (const leg of data.legs.filter((l) => l.crossing)) {
      const requirements = checklists.get(leg.sequence)?.requirements ?? [];
      const required = [...new Set(requirements.map((r) => r.document))];
      const declaration = manager.create(Declaration, {
        id: randomUUID(),
        shipmentId: data.shipmentId,
        shipperId: data.shipperId,
        crossing: leg.crossing!,
        legSequence: leg.sequence,
        status: 'PENDING',
        requiredDocuments: required,
        requirements,
        documents: documentsFor(required, documentsAt(filed, leg.crossing!)),
        cargo: data.cargo,
        reason: null,
        sourceEventId: event.id,
        expectedAt: expectedAtCrossing(data.legs, leg.sequence) ?? null,
        arrivedAt: null,
        clearanceDueAt: null,
        updatedAt: this.clock.now(),
      });
      await manager.insert(Declaration, declaration);
      await this.history(manager, declaration, null, 'system');
      opened.push(declaration);
      const reminder = documentsReminder(
        declaration,
        declaration.expectedAt ?? undefined,
        this.clock.now(),
        this.followUpSettings,
      );
      if (reminder) reminders.push(reminder);
    }
    await this.outbox.appendAll(
      manager,
      opened.map((d) =>
        declarationFact('customs.declaration.opened', d, {
          requiredDocuments: d.requiredDocuments,
          requirements: d.requirements ?? undefined,
        }),
      ),
    );
    await this.recordFollowUps({ manager, afterCommit }, reminders);
    return opened;
  }

  /** On `shipment.cancelled`: open declarations are closed (locked in the order a filing locks them). */
  async closeForCancellation(manager: EntityManager, event: EventEnvelope<'shipment.cancelled'>): Promise<void> {
    const open = await this.lockShipment(manager, event.data.shipmentId);
    for (const declaration of open.filter((d) => OPEN.includes(d.status))) {
      await this.move(manager, declaration, 'CLOSED', 'system', 'shipment cancelled');
    }
  }

  /**
   * On `shipment.border.reached`: the declaration of that leg is ARRIVED and its clearance clock
   * starts. Missing documents hold the cargo at once; a complete, low-risk declaration goes through
   * the green channel.
   */
  async arrive({ manager, afterCommit }: ConsumerTx, event: EventEnvelope<'shipment.border.reached'>): Promise<void> {
    const declaration = await manager.findOne(Declaration, {
      where: { shipmentId: event.data.shipmentId, legSequence: event.data.legSequence },
      lock: { mode: 'pessimistic_write' },
    });
    if (!declaration || !canDo(declaration.status, 'arrive')) return;
    await this.move(manager, declaration, 'ARRIVED', 'system');
    // Documents count only if still valid when the cargo arrived.
    const arrivedAt = new Date(event.data.occurredAt);
    const items = checklist(declaration.requiredDocuments, declaration.documents, { at: arrivedAt, arrived: true });
    const missing = items.filter((item) => item.status !== 'attached').map((item) => item.document);
    if (missing.length) {
      await this.outbox.append(
        manager,
        declarationFact('customs.documents.missing', declaration, { missing, stage: 'arrival' }),
      );
      await this.move(manager, declaration, 'HELD', 'system', `documents missing: ${describeMissing(items)}`);
    } else if (greenChannelClears(declaration.cargo, this.greenChannel)) {
      await this.move(manager, declaration, 'CLEARED', 'system', 'green channel');
      return;
    }
    const deadline = clearanceDeadline(declaration, arrivedAt, this.followUpSettings);
    await manager.update(Declaration, { id: declaration.id }, { arrivedAt, clearanceDueAt: deadline.dueAt });
    Object.assign(declaration, { arrivedAt, clearanceDueAt: deadline.dueAt });
    await this.recordFollowUps({ manager, afterCommit }, [deadline]);
  }

  /**
   * In the consumer's transaction; the BullMQ jobs are added once it has committed (the sweep covers a crash in
   * between).
   */
  private async recordFollowUps({ manager, afterCommit }: ConsumerTx, planned: PlannedFollowUp[]): Promise<void> {
    const fresh = await this.followUps.record(manager, planned);
    if (fresh.length) afterCommit(() => this.followUps.schedule(fresh));
  }

  /** The declarations the caller may see (see `declarationScope`), filtered and keyset-paged in SQL. */
  async list(
    principal: Principal,
    query: ListDeclarations,
  ): Promise<{ items: Declaration[]; nextCursor: string | null }> {
    return listDeclarations(this.dataSource, declarationScope(principal), query);
  }

  /** What waits at each crossing now: an officer's own crossing, an operator's all (the route allows no one else). */
  async summary(principal: Principal): Promise<{ at: string; crossings: CrossingSummary[] }> {
    const now = this.clock.now();
    const scope = declarationScope(principal);
    if (scope.kind !== 'all' && scope.kind !== 'crossing') return { at: now.toISOString(), crossings: [] };
    // An officer without a crossing sees nothing rather than everything.
    const own = scope.kind === 'crossing' ? (scope.crossing ?? '') : null;
    return { at: now.toISOString(), crossings: await crossingSummaries(this.dataSource, now, own) };
  }

  /**
   * The declaration's checklist now: each required document attached and valid when the cargo is at the crossing,
   * missing or expired.
   */
  checklist(declaration: Declaration): ChecklistItem[] {
    return checklist(declaration.requiredDocuments, declaration.documents, this.neededAt(declaration));
  }

  private neededAt(declaration: Declaration): NeededAt {
    return documentsNeededAt(declaration, this.clock.now());
  }

  async get(principal: Principal, id: string): Promise<{ declaration: Declaration; history: HistoryEntry[] }> {
    const declaration = await this.dataSource.getRepository(Declaration).findOneBy({ id });
    if (!declaration || !canSeeDeclaration(principal, declaration)) throw new DeclarationNotFound(id);
    const history = await this.dataSource.query<HistoryEntry[]>(
      `SELECT from_status AS "from", to_status AS "to", actor, reason, at
         FROM "customs".declaration_history WHERE declaration_id = $1 ORDER BY id`,
      [id],
    );
    return { declaration, history };
  }

  /**
   * A broker (for its shipper), an officer at the crossing or an operator attaches a document through one
   * declaration: it is filed for the shipment, so it counts at every crossing that asks for its type.
   */
  async attachDocument(principal: Principal, id: string, document: NewDocument): Promise<Declaration> {
    return inTransaction(this.dataSource, async (manager) => {
      // Read first, lock the whole shipment after: every filing locks a shipment's declarations in one order.
      const found = await manager.findOneBy(Declaration, { id });
      if (!found || !canSeeDeclaration(principal, found)) throw new DeclarationNotFound(id);
      const declarations = await this.lockShipment(manager, found.shipmentId);
      const declaration = declarations.find((d) => d.id === id)!;
      ensureAllowed(declaration.status, 'attach_document');
      ensureRequired(declaration, document.type);
      await this.file(manager, principal, declarations, document);
      return declaration;
    });
  }

  /**
   * Files a document for the shipment (replacing the current one of its type) and re-evaluates the open
   * declarations it applies to in the same transaction (see `file`). Allowed where the caller may see an open
   * declaration of the shipment whose checklist asks for the type (an officer: its own crossing's); 409
   * NO_OPEN_DECLARATION_ASKS when all that ask are cleared, rejected or closed.
   */
  async attachToShipment(principal: Principal, shipmentId: string, document: NewDocument): Promise<ShipmentPapers> {
    return inTransaction(this.dataSource, async (manager) => {
      const declarations = await this.lockShipment(manager, shipmentId);
      const visible = declarations.filter((d) => canSeeDeclaration(principal, d));
      if (!visible.length) throw new ShipmentNotFound(shipmentId);
      const asking = visible.filter((d) => d.requiredDocuments.includes(document.type));
      if (!asking.length) throw new DocumentNotRequired(document.type, 'any crossing of this shipment');
      if (!asking.some((d) => OPEN.includes(d.status))) throw new NoOpenDeclarationAsks(document.type);
      const filings = await this.file(manager, principal, declarations, document);
      return this.papers(principal, shipmentId, filings, visible);
    });
  }

  /** The shipment's current documents and its declarations, as far as the caller may see them. */
  async shipmentPapers(principal: Principal, shipmentId: string): Promise<ShipmentPapers> {
    const manager = this.dataSource.manager;
    const declarations = await manager.find(Declaration, { where: { shipmentId }, order: { legSequence: 'ASC' } });
    const visible = declarations.filter((d) => canSeeDeclaration(principal, d));
    if (!visible.length) throw new ShipmentNotFound(shipmentId);
    return this.papers(principal, shipmentId, await currentFilings(manager, shipmentId), visible);
  }

  private papers(principal: Principal, shipmentId: string, filings: Filing[], visible: Declaration[]): ShipmentPapers {
    const own = officerCrossing(principal);
    const crossings = new Set(visible.map((d) => d.crossing));
    return {
      shipmentId,
      documents: own === null ? shipmentWide(filings) : documentsAt(filings, own),
      crossingDocuments: filings.flatMap(({ crossing, ...document }) =>
        crossing !== null && crossings.has(crossing) ? [{ ...document, crossing }] : [],
      ),
      declarations: visible,
    };
  }

  /** The shipment's declarations, locked in route order (the one order every filing takes them in). */
  private lockShipment(manager: EntityManager, shipmentId: string): Promise<Declaration[]> {
    return manager.find(Declaration, {
      where: { shipmentId },
      order: { legSequence: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The filing itself. A broker's or an operator's document is filed for the whole shipment; an officer's for its
   * own crossing only (it may not change the papers another crossing decides on). Then each open declaration it
   * applies to gets a fresh copy of the documents it requires, with a history entry per document that changed, and
   * a pending one now complete moves to DOCUMENTS_COMPLETE (a held one waits for the officer, as before). A
   * declaration under INSPECTION keeps the papers the officer is looking at: it picks the filing up when it leaves
   * inspection still open (held), or never, if it is cleared or rejected on what was inspected.
   */
  private async file(
    manager: EntityManager,
    principal: Principal,
    declarations: Declaration[],
    document: NewDocument,
  ): Promise<Filing[]> {
    const now = this.clock.now();
    const shipmentId = declarations[0].shipmentId;
    const crossing = officerCrossing(principal);
    await fileDocument(
      manager,
      shipmentId,
      { ...document, attachedAt: now.toISOString(), attachedBy: principal.tenantId },
      crossing,
    );
    const filings = await currentFilings(manager, shipmentId);
    for (const declaration of declarations) {
      if (!OPEN.includes(declaration.status) || declaration.status === 'INSPECTION') continue;
      if (!declaration.requiredDocuments.includes(document.type)) continue;
      if (crossing !== null && declaration.crossing !== crossing) continue;
      await this.refreshDocuments(manager, declaration, filings);
      const next = statusAfterAttaching(declaration.status, this.checklist(declaration));
      if (next) await this.move(manager, declaration, next, principal.tenantId);
    }
    return filings;
  }

  /** The declaration's copy of the documents that count at its crossing now, with who filed each new one. */
  private async refreshDocuments(manager: EntityManager, declaration: Declaration, filings: Filing[]): Promise<void> {
    const documents = documentsFor(declaration.requiredDocuments, documentsAt(filings, declaration.crossing));
    const changes = documentChanges(declaration.documents, documents);
    if (!changes.length) return;
    declaration.documents = documents;
    await manager.update(
      Declaration,
      { id: declaration.id },
      { documents: declaration.documents, updatedAt: this.clock.now() },
    );
    for (const change of changes)
      await this.history(manager, declaration, declaration.status, change.document.attachedBy, change.reason);
  }

  async startInspection(principal: Principal, id: string): Promise<Declaration> {
    return this.decideOn(principal, id, 'start_inspection');
  }

  async hold(principal: Principal, id: string, reason: string): Promise<Declaration> {
    return this.decideOn(principal, id, 'hold', reason);
  }

  async clear(principal: Principal, id: string): Promise<Declaration> {
    return this.decideOn(principal, id, 'clear');
  }

  async reject(principal: Principal, id: string, reason: string): Promise<Declaration> {
    return this.decideOn(principal, id, 'reject', reason);
  }

  /** An officer's (or operator's) decision; the rules say which status it leads to, or refuse it. */
  private async decideOn(
    principal: Principal,
    id: string,
    decision: ClearanceDecision,
    reason?: string,
  ): Promise<Declaration> {
    return this.act(principal, id, decision, async (manager, declaration) => {
      const from = declaration.status;
      const to = decide(from, decision, this.checklist(declaration));
      await this.move(manager, declaration, to, principal.tenantId, reason);
      // Held after inspection: the papers filed meanwhile count now (see `file`).
      if (from === 'INSPECTION' && OPEN.includes(to)) await this.pickUpFilings(manager, declaration);
    });
  }

  /** Locks the declaration, checks who may act and whether its state allows it, then acts. */
  private async act(
    principal: Principal,
    id: string,
    action: DeclarationAction,
    work: (manager: EntityManager, declaration: Declaration) => Promise<void>,
  ): Promise<Declaration> {
    return inTransaction(this.dataSource, async (manager) => {
      const declaration = await manager.findOne(Declaration, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!declaration || !canSeeDeclaration(principal, declaration)) throw new DeclarationNotFound(id);
      ensureAllowed(declaration.status, action);
      await work(manager, declaration);
      return declaration;
    });
  }

  /** Re-reads the filings for a declaration whose copy was left alone (under inspection while they were filed). */
  private async pickUpFilings(manager: EntityManager, declaration: Declaration): Promise<void> {
    await this.refreshDocuments(manager, declaration, await currentFilings(manager, declaration.shipmentId));
  }

  private static readonly EVENTS: Partial<Record<DeclarationStatus, EventType>> = {
    INSPECTION: 'customs.inspection.started',
    HELD: 'customs.held',
    CLEARED: 'customs.cleared',
    REJECTED: 'customs.rejected',
  };

  /** Changes the status, records it in the history and publishes what the new status means. */
  private async move(
    manager: EntityManager,
    declaration: Declaration,
    to: DeclarationStatus,
    actor: string,
    reason?: string,
  ): Promise<void> {
    const from = declaration.status;
    declaration.status = to;
    declaration.reason = reason ?? null;
    await manager.update(
      Declaration,
      { id: declaration.id },
      { status: to, reason: reason ?? null, updatedAt: this.clock.now() },
    );
    await this.history(manager, declaration, from, actor, reason);
    const type = DeclarationService.EVENTS[to];
    if (type) await this.outbox.append(manager, declarationFact(type, declaration, reason ? { reason } : {}));
  }

  private async history(
    manager: EntityManager,
    declaration: Declaration,
    from: DeclarationStatus | null,
    actor: string,
    reason?: string,
  ) {
    await manager.query(
      `INSERT INTO "customs".declaration_history (declaration_id, from_status, to_status, actor, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [declaration.id, from, declaration.status, actor, reason ?? null, this.clock.now().toISOString()],
    );
  }
}

/** The crossing an officer's filing is scoped to; null for a filing that applies to the whole shipment. */
function officerCrossing(principal: Principal): string | null {
  const scope = declarationScope(principal);
  return scope.kind === 'crossing' ? (scope.crossing ?? '') : null;
}
