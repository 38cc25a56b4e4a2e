import { Injectable, Logger } from '@nestjs/common';
import { DeadLetterStore, parseDeadLetterRef, type DeadLetter } from '@lib/messaging';
import type { OperatorSession } from '../session/session.store';
import { ReplayAuditStore, type ReplayAction, type ReplayAuditEntry } from './replay-audit.store';

/** What an operator asked to replay: listed dead letters, or all of them (on one `.dlq` topic, or every one). */
export type ReplayRequest = { refs: string[] } | { all: true; topic?: string };

interface ReplayResult {
  outcome: 'replayed' | 'failed';
  refs: string[];
  detail: string;
}

const AUDIT_ROWS_SHOWN = 50;

/**
 * Dead letters for the console: listed and replayed through the messaging library's DeadLetterStore,
 * the same code `npm run ops -- dlq` runs; every replay an operator confirms is audited, failed or not.
 */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger(DeadLettersService.name);

  constructor(
    private readonly store: DeadLetterStore,
    private readonly audit: ReplayAuditStore,
  ) {}

  deadLetterTopics(): string[] {
    return this.store.deadLetterTopics();
  }

  list(topic?: string): Promise<DeadLetter[]> {
    return this.store.list(topic ? [topic] : undefined);
  }

  /**
   * The dead letter at `ref`, or undefined when the ref is malformed,
   * not on a project `.dlq` topic, or nothing is kept there.
   */
  async find(ref: string): Promise<DeadLetter | undefined> {
    try {
      if (!this.deadLetterTopics().includes(parseDeadLetterRef(ref).topic)) return undefined;
    } catch {
      return undefined;
    }
    return this.store.find(ref).catch(() => undefined);
  }

  /** The dead letters a request names, as they are now (a ref with nothing kept there is left out). */
  async selected(request: ReplayRequest): Promise<DeadLetter[]> {
    if ('all' in request) {
      if (request.topic && !this.deadLetterTopics().includes(request.topic)) return [];
      return this.list(request.topic);
    }
    const found = await Promise.all([...new Set(request.refs)].map((ref) => this.find(ref)));
    return found.filter((letter): letter is DeadLetter => !!letter);
  }

  async replay(operator: OperatorSession, request: ReplayRequest): Promise<ReplayResult> {
    const action: ReplayAction = 'all' in request ? 'replay all' : 'replay';
    const letters = await this.selected(request);
    const refs = letters.map((l) => l.ref);
    // Nothing kept any more under those refs: nothing happens, so there is nothing to audit.
    if (letters.length === 0) return { outcome: 'replayed', refs, detail: '' };
    let result: ReplayResult;
    try {
      const done = await this.store.replay(letters);
      result = { outcome: 'replayed', refs, detail: done.map((d) => `${d.ref} → ${d.origin}`).join('\n') };
    } catch (error) {
      result = { outcome: 'failed', refs, detail: error instanceof Error ? error.message : String(error) };
    }
    await this.audit.append({
      keyId: operator.keyId,
      tenantName: operator.tenantName,
      action,
      refs,
      outcome: result.outcome,
      detail: result.detail,
    });
    this.logger.log({ keyId: operator.keyId, action, refs, outcome: result.outcome }, 'dead letters replayed');
    return result;
  }

  auditTrail(): Promise<ReplayAuditEntry[]> {
    return this.audit.latest(AUDIT_ROWS_SHOWN, ['replay', 'replay all', 'replay notification']);
  }
}
