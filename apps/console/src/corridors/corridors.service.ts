import { Injectable } from '@nestjs/common';
import { ReplayAuditStore, type ReplayAction, type ReplayAuditEntry } from '../dead-letters/replay-audit.store';
import type { OperatorSession } from '../session/session.store';
import { ServiceApi } from '../shipment-view/service-api';
import {
  corridorsView,
  type BoardAnswer,
  type CorridorsView,
  type CrossingAnswer,
  type SummaryAnswer,
} from './corridors.view';

const CROSSING_ACTIONS: ReplayAction[] = ['close crossing', 'open crossing', 'lift crossing override'];
const ACTIONS_SHOWN = 20;

/** What the operator typed into a crossing's form. */
export interface OverrideForm {
  open?: string;
  reason?: string;
  until?: string;
}

export interface ChangeResult {
  ok: boolean;
  text: string;
}

/**
 * `2026-12-05T06:00` from a datetime-local input, read as UTC; anything else goes
 * as typed (the service says what is wrong).
 */
function untilOf(value: string | undefined): string | undefined {
  const typed = value?.trim();
  if (!typed) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(typed)) return `${typed}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(typed)) return `${typed}Z`;
  return typed;
}

/** Who asked, as the shipments service records it beside the console's own key. */
const requestedBy = (operator: OperatorSession) => `${operator.tenantName} (${operator.keyId})`.slice(0, 120);

/**
 * The corridors as the services see them — the shipments board, the crossings' state, customs'
 * summary per crossing — read through their own APIs with the console's operator key; closures and
 * openings go through the shipments service's own operation, each one audited.
 */
@Injectable()
export class CorridorsService {
  constructor(
    private readonly api: ServiceApi,
    private readonly audit: ReplayAuditStore,
  ) {}

  async view(): Promise<CorridorsView> {
    if (!this.api.configured) {
      return corridorsView(undefined, undefined, undefined, [
        'The console has no operator key for the services (set CONSOLE_OPERATOR_KEY): ' +
          'the corridors are read through their APIs.',
      ]);
    }
    const [board, crossings, summary] = await Promise.all([
      this.api.get<BoardAnswer>('shipments', '/v1/corridors/board'),
      this.api.get<{ items: CrossingAnswer[] }>('shipments', '/v1/crossings'),
      this.api.get<SummaryAnswer>('customs', '/v1/declarations/summary'),
    ]);
    const problems = [board, crossings, summary].flatMap((answer) => (answer.ok ? [] : [answer.reason]));
    return corridorsView(
      board.ok ? board.body : undefined,
      crossings.ok ? crossings.body.items : undefined,
      summary.ok ? summary.body : undefined,
      [...new Set(problems)],
    );
  }

  recentChanges(): Promise<ReplayAuditEntry[]> {
    return this.audit.latest(ACTIONS_SHOWN, CROSSING_ACTIONS);
  }

  /** Closes or opens a crossing through POST /v1/crossings/:crossing/overrides. */
  async setOverride(operator: OperatorSession, crossing: string, form: OverrideForm): Promise<ChangeResult> {
    const open = form.open === 'true';
    const until = untilOf(form.until);
    const answer = await this.api.post<{ crossing: CrossingAnswer }>(
      'shipments',
      `/v1/crossings/${encodeURIComponent(crossing)}/overrides`,
      {
        open,
        reason: form.reason?.trim() ?? '',
        ...(until ? { until } : {}),
        requestedBy: requestedBy(operator),
      },
    );
    const result: ChangeResult = answer.ok
      ? {
          ok: true,
          text:
            `${answer.body.crossing.name} is ` +
            `${open ? 'open' : 'closed'}${until ? ` until ${until}` : ' until lifted'}: ${form.reason?.trim()}`,
        }
      : { ok: false, text: `Not changed: ${answer.reason}` };
    await this.record(operator, open ? 'open crossing' : 'close crossing', [crossing], result);
    return result;
  }

  /** Lifts an override through POST /v1/crossings/:crossing/overrides/:id/lift. */
  async lift(operator: OperatorSession, crossing: string, overrideId: string): Promise<ChangeResult> {
    const answer = await this.api.post<{ crossing: CrossingAnswer }>(
      'shipments',
      `/v1/crossings/${encodeURIComponent(crossing)}/overrides/${encodeURIComponent(overrideId)}/lift`,
      {
        requestedBy: requestedBy(operator),
      },
    );
    const result: ChangeResult = answer.ok
      ? {
          ok: true,
          text:
            `Override lifted: ${answer.body.crossing.name} follows the calendar again ` +
            `(${answer.body.crossing.open ? 'open' : 'closed'} now).`,
        }
      : { ok: false, text: `Not lifted: ${answer.reason}` };
    await this.record(operator, 'lift crossing override', [crossing, overrideId], result);
    return result;
  }

  private record(operator: OperatorSession, action: ReplayAction, refs: string[], result: ChangeResult): Promise<void> {
    return this.audit.append({
      keyId: operator.keyId,
      tenantName: operator.tenantName,
      action,
      refs,
      outcome: result.ok ? 'done' : 'failed',
      detail: result.text,
    });
  }
}
