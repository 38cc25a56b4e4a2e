import { InvalidInput, type FieldError } from '@lib/errors';
import { domainStatus } from '@lib/http';
import type { EventOutcome } from '../carrier-event.service';

/** One event's answer: what the single post returns when it is written, and each entry of a batch's `results`. */
export interface EventResult {
  index: number;
  eventId?: string;
  /** The HTTP status this event alone would have got. */
  status: number;
  outcome: EventOutcome['outcome'];
  shipmentId?: string;
  code?: string;
  detail?: string;
  errors?: FieldError[];
  published?: string[];
}

/**
 * An outcome as carriers read it. A batch cannot answer each event with its own problem+json, so its
 * entries carry the status the event alone would have got (the one mapping of libs/http) and the
 * error's code and detail, or its refused fields; a plain invalid input has no code of its own.
 */
export function eventResult({ index, eventId, outcome, shipmentId, error, published }: EventOutcome): EventResult {
  if (!error) return { index, eventId, status: outcome === 'accepted' ? 201 : 200, outcome, shipmentId, published };
  const status = domainStatus(error);
  if (error instanceof InvalidInput) {
    const code = error.code === 'INVALID_INPUT' ? undefined : error.code;
    return { index, eventId, status, outcome, shipmentId, code, errors: error.errors };
  }
  return { index, eventId, status, outcome, shipmentId, code: error.code, detail: error.message };
}
