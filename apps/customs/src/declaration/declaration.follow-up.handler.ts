import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FollowUpHandler, FollowUpRow, HandlerOutcome } from '@lib/follow-ups';
import { Outbox } from '@lib/messaging';
import { documentsNeededAt, missingDocuments, type DeclarationStatus } from './declaration-workflow';
import { Declaration } from './declaration.entity';
import { declarationFact } from './declaration.facts';
import type { DeclarationFollowUpKind } from './declaration.follow-ups';

/** Waiting for a decision: the states in which the clearance clock runs. */
const AWAITING_DECISION: DeclarationStatus[] = ['ARRIVED', 'INSPECTION', 'HELD'];
/** Before the cargo reaches the crossing: a complete checklist can become incomplete again as a document expires. */
const BEFORE_ARRIVAL: DeclarationStatus[] = ['PENDING', 'DOCUMENTS_COMPLETE'];

/**
 * What a declaration's follow-up does when due, in the transaction that marks it done (so each fires
 * once): a declaration still undecided at its deadline raises `customs.sla.breached`; one still
 * missing documents shortly before the cargo is expected raises `customs.documents.missing` (stage reminder).
 */
@Injectable()
export class DeclarationFollowUpHandler implements FollowUpHandler {
  constructor(private readonly outbox: Outbox) {}

  async fire(manager: EntityManager, followUp: FollowUpRow): Promise<HandlerOutcome> {
    const declaration = await manager.findOne(Declaration, {
      where: { id: followUp.subjectId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!declaration) return 'not-needed';
    const kind = followUp.kind as DeclarationFollowUpKind;
    return kind === 'clearance_sla'
      ? this.slaBreached(manager, declaration, followUp)
      : this.remind(manager, declaration, followUp);
  }

  private async slaBreached(
    manager: EntityManager,
    declaration: Declaration,
    followUp: FollowUpRow,
  ): Promise<HandlerOutcome> {
    if (!AWAITING_DECISION.includes(declaration.status)) return 'not-needed';
    await this.outbox.append(
      manager,
      declarationFact('customs.sla.breached', declaration, {
        deadline: followUp.dueAt.toISOString(),
        arrivedAt: declaration.arrivedAt?.toISOString(),
        status: declaration.status,
      }),
    );
    return 'fired';
  }

  private async remind(
    manager: EntityManager,
    declaration: Declaration,
    followUp: FollowUpRow,
  ): Promise<HandlerOutcome> {
    // Documents must still be valid when the cargo is expected: one that expires before then is missing too.
    const missing = missingDocuments(
      declaration.requiredDocuments,
      declaration.documents,
      documentsNeededAt(declaration, followUp.dueAt),
    );
    if (!BEFORE_ARRIVAL.includes(declaration.status) || missing.length === 0) return 'not-needed';
    await this.outbox.append(
      manager,
      declarationFact('customs.documents.missing', declaration, {
        missing,
        stage: 'reminder',
        expectedAt: declaration.expectedAt?.toISOString(),
      }),
    );
    return 'fired';
  }
}
