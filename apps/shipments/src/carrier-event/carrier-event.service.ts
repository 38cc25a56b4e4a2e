import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { inTransaction, whenCommitted } from '@lib/database';
import type { DomainError } from '@lib/errors';
import type { Principal } from '@lib/identity';
import type { NewEvent } from '@lib/messaging';
import type { EventType } from '@lib/contracts';
import { FollowUps, type PlannedFollowUp } from '@lib/follow-ups';
import { FOLLOW_UP_SETTINGS, followUpsForDeparture, type FollowUpSettings } from '../follow-up/follow-up.plan';
import { DEFAULT_REEFER_SILENCE_MS, latestWatches, reeferWatch } from '../follow-up/reefer-silence';
import { canSeeShipment } from '../shipment/shipment-access';
import { EtaService } from '../eta/eta.service';
import { CarrierEventRepository, type HistoryRow } from './carrier-event.repository';
import { EventIdReused, InvalidEvent, ShipmentNotOnYourLegs, TrackingNumberMismatch } from './carrier-event.errors';
import { applyCarrierEvent, occurredInFuture, type CarrierEventInput } from './carrier-event.rules';
import { legOfCall, type TransportCallRef } from '../dcsa/dcsa-inbound';
import { parseCarrierEvent, type CarrierEventBody, type CarrierEventDraft } from './dto/carrier-event.dto';

export const CUSTOMS_GATE = Symbol('CUSTOMS_GATE');

/** What became of one event: written, a replay of one written before, or not written and why. */
export interface EventOutcome {
  index: number;
  eventId?: string;
  outcome: 'accepted' | 'duplicate' | 'refused' | 'invalid';
  shipmentId?: string;
  /** Why a refused or invalid event was not written. */
  error?: DomainError;
  published?: string[];
}

type Parsed =
  | { index: number; body: CarrierEventDraft; call?: TransportCallRef; hash: string }
  | { index: number; invalid: EventOutcome };

/**
 * Ingests carrier events: validates each, dedupes on the carrier's own event id, applies the rules
 * under the shipments' row locks, and writes the accepted ones — history, shipment state and outbox
 * events — in one transaction. A batch reports each event's outcome and is never half-written.
 */
@Injectable()
export class CarrierEventService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CarrierEventRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly followUps: FollowUps,
    @Inject(FOLLOW_UP_SETTINGS) private readonly followUpSettings: FollowUpSettings,
    @Inject(CUSTOMS_GATE) private readonly customsGate: boolean,
    private readonly eta: EtaService,
  ) {}

  /** One event: its outcome if written or a duplicate, else the reason it was not, thrown. */
  async ingestOne(carrier: Principal, raw: unknown): Promise<EventOutcome> {
    const [outcome] = await this.ingest(carrier, [raw]);
    if (outcome.error) throw outcome.error;
    return outcome;
  }

  async ingest(carrier: Principal, raw: unknown[]): Promise<EventOutcome[]> {
    const parsed: Parsed[] = raw.map((item, index) => {
      const result = parseCarrierEvent(item);
      if ('errors' in result) {
        // A DCSA body's id is its eventID.
        const { eventId: id, eventID } = (item ?? {}) as { eventId?: unknown; eventID?: unknown };
        const eventId = typeof id === 'string' ? id : typeof eventID === 'string' ? eventID : undefined;
        return { index, invalid: { index, eventId, outcome: 'invalid', error: new InvalidEvent(result.errors) } };
      }
      // A DCSA event's transport call is part of what its eventID names (a native body's hash is as it was).
      const hashed = result.call ? { ...result.body, call: result.call } : result.body;
      const hash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex');
      return { index, body: result.body, call: result.call, hash };
    });
    const valid = parsed.filter((p): p is Extract<Parsed, { body: CarrierEventDraft }> => 'body' in p);
    if (valid.length === 0) return parsed.map((p) => ('invalid' in p ? p.invalid : (undefined as never)));

    const toSchedule: PlannedFollowUp[] = [];
    const outcomes = await inTransaction(this.dataSource, async (manager) => {
      const shipments = await this.repository.lock(
        manager,
        carrier.tenantId,
        valid.map((p) => p.body),
      );
      const seen = shipments.seen;
      // The states before this post: what its events completed is what the ETA model learns.
      const before = new Map(shipments.byId);
      const departures: { shipmentId: string; leg: number }[] = [];
      const now = this.clock.now();
      const acceptedAt = new Date().toISOString();
      const history: HistoryRow[] = [];
      const facts: NewEvent<EventType>[] = [];
      const changed = new Set<string>();
      const planned: PlannedFollowUp[] = [];
      const watches: PlannedFollowUp[] = [];
      const outcomes = parsed.map((p): EventOutcome => {
        if ('invalid' in p) return p.invalid;
        const { body: draft, call, hash, index } = p;
        const base = { index, eventId: draft.eventId };
        const previous = seen.get(draft.eventId);
        if (previous) {
          return previous.hash === hash
            ? { ...base, outcome: 'duplicate', shipmentId: previous.shipmentId }
            : { ...base, outcome: 'invalid', error: new EventIdReused() };
        }
        const id = draft.shipmentId ?? shipments.idOf(draft.trackingNumber);
        const shipment = id === undefined ? undefined : shipments.byId.get(id);
        if (!shipment || !canSeeShipment(carrier, { shipperId: shipment.shipperId, legs: shipment.legs })) {
          return {
            ...base,
            outcome: 'refused',
            error: new ShipmentNotOnYourLegs(draft.shipmentId ?? draft.trackingNumber),
          };
        }
        if (draft.shipmentId && draft.trackingNumber && shipments.idOf(draft.trackingNumber) !== shipment.id) {
          return { ...base, outcome: 'invalid', error: new TrackingNumberMismatch() };
        }
        const ahead = occurredInFuture(draft.occurredAt, now);
        if (ahead) return { ...base, outcome: 'invalid', shipmentId: shipment.id, error: ahead };
        // A DCSA event names a transport call, not a leg: the shipment's legs say which one it is on.
        const placed = call
          ? legOfCall(shipment.legs, call, draft.kind, carrier.carrierCode ?? '')
          : { leg: draft.leg as number };
        if ('error' in placed)
          return { ...base, outcome: 'invalid', shipmentId: shipment.id, error: new InvalidEvent([placed.error]) };
        const body: CarrierEventBody = { ...draft, leg: placed.leg };
        const input: CarrierEventInput = { ...body, legSequence: body.leg };
        const decision = applyCarrierEvent(shipment, input, {
          carrierCode: carrier.carrierCode ?? '',
          acceptedAt,
          customsGate: this.customsGate,
        });
        if (!decision.accepted) {
          return { ...base, outcome: 'refused', shipmentId: shipment.id, error: decision.error };
        }
        // One state per shipment, whichever name the next event uses.
        shipments.byId.set(shipment.id, decision.shipment);
        changed.add(shipment.id);
        seen.set(body.eventId, { hash, shipmentId: shipment.id });
        const published = decision.facts.map((f) => f.type);
        history.push({
          id: randomUUID(),
          shipmentId: shipment.id,
          carrierEventId: body.eventId,
          requestHash: hash,
          legSequence: body.leg,
          kind: body.kind,
          classifier: body.classifier,
          occurredAt: body.occurredAt,
          acceptedAt,
          location: body.location ?? null,
          details: {
            crossing: body.crossing,
            reason: body.reason,
            celsius: body.celsius,
            humidityPercent: body.humidityPercent,
            estimatedArrival: body.estimatedArrival,
            equipmentReference: body.equipmentReference,
          },
          published,
        });
        for (const fact of decision.facts)
          facts.push({ type: fact.type, subject: shipment.id, data: fact.data, time: new Date(body.occurredAt) });
        if (body.kind === 'departure' && body.classifier === 'ACT')
          departures.push({ shipmentId: shipment.id, leg: body.leg });
        const silenceMs = this.followUpSettings.reeferSilenceMs ?? DEFAULT_REEFER_SILENCE_MS;
        watches.push(...reeferWatch(decision.shipment, body, now, silenceMs));
        return { ...base, outcome: 'accepted', shipmentId: shipment.id, published };
      });
      const changedState = [...changed].map((id) => shipments.byId.get(id)!);
      const eta = await this.eta.assess(
        manager,
        changedState.map((after) => ({ before: before.get(after.id)!, after })),
        now,
      );
      facts.push(...eta.facts);
      // A departed leg is watched until the upper bound of its predicted arrival (follow-up.plan.ts).
      for (const { shipmentId, leg } of departures)
        planned.push(
          ...followUpsForDeparture(
            shipments.byId.get(shipmentId)!,
            leg,
            this.followUpSettings,
            eta.leg(shipmentId, leg),
          ),
        );
      toSchedule.push(
        ...(await this.repository.write(manager, {
          tenantId: carrier.tenantId,
          history,
          changed: changedState,
          facts,
          followUps: planned,
        })),
      );
      toSchedule.push(...(await this.followUps.move(manager, latestWatches(watches))));
      return outcomes;
    });
    // After commit: a job must never wake before its row exists. A lost schedule is caught by the sweep.
    await whenCommitted(() => this.followUps.schedule(toSchedule));
    return outcomes;
  }
}
