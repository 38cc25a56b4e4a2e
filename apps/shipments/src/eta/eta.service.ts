import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType } from '@lib/contracts';
import type { NewEvent } from '@lib/messaging';
import type { TrackedShipment } from '../shipment/tracking-state';
import { segmentsOf } from './eta.segments';
import {
  movedMaterially,
  observationsOf,
  predictArrival,
  summarise,
  travelWindow,
  type LegPrediction,
} from './eta.predictor';
import { EMPTY_STATS, mergeStats } from './eta.stats';
import { EtaStore, lookupIn } from './eta.store';

/** What a post's accepted events mean for the predicted ETAs of the shipments they changed. */
export interface EtaAssessment {
  /** `shipment.eta.changed` (source: predicted) for each shipment whose prediction moved materially. */
  facts: NewEvent<'shipment.eta.changed'>[];
  /** A departed leg's arrival as predicted from its departure (median, upper bound): its overdue watch. */
  leg(shipmentId: string, legSequence: number): LegPrediction | undefined;
}

const moving = (s: TrackedShipment) =>
  s.status !== 'DELIVERED' && s.status !== 'CANCELLED' && s.legs.some((l) => l.actualDeparture);

/** The latest actual time on a shipment: a prediction is never made as of before what it already knows. */
const latestActual = (s: TrackedShipment) =>
  Math.max(
    ...s.legs
      .flatMap((l) => [l.actualDeparture, l.actualArrival, l.atCrossingSince])
      .map((t) => (t ? Date.parse(t) : 0)),
  );

/**
 * Predicted ETA inside the carrier event's transaction: learns from the durations the events completed
 * (once each: they come from state transitions, and a duplicate event changes no state), predicts the
 * remaining legs and the arrival, and publishes through the outbox only when that moved materially.
 */
@Injectable()
export class EtaService {
  constructor(private readonly store: EtaStore) {}

  async assess(
    manager: EntityManager,
    changes: { before: TrackedShipment; after: TrackedShipment }[],
    now: Date,
  ): Promise<EtaAssessment> {
    // Only a shipment that has left learns (a dwell is learned at the departure that ends it, a last leg
    // at its delivery) or is predicted: a booking's readings and customs cost nothing here.
    changes = changes.filter(({ after }) => after.legs.some((l) => l.actualDeparture));
    const contexts = await this.store.contexts(
      manager,
      changes.map((c) => c.after.id),
    );
    const routes = new Map(
      changes.map(({ after }) => [after.id, segmentsOf(contexts.get(after.id)?.corridor, after.legs)]),
    );
    const learned = summarise(
      changes.flatMap(({ before, after }) => observationsOf(before.legs, after.legs, routes.get(after.id)!)),
    );
    const keys = [...routes.values()].flatMap((r) =>
      r.flatMap((s) => (s.dwellKey ? [s.travelKey, s.dwellKey] : [s.travelKey])),
    );
    const table = await this.store.read(manager, keys);
    // summarise() keys by statsId: the post's observations count in its own predictions.
    for (const [id, l] of learned) table.set(id, mergeStats(table.get(id) ?? EMPTY_STATS, l.stats));
    await this.store.record(manager, [...learned.values()]);

    const facts: NewEvent<'shipment.eta.changed'>[] = [];
    const published: { id: string; eta: { arrival: string; earliest: string; latest: string; asOf: string } }[] = [];
    for (const { after } of changes) {
      if (!moving(after)) continue;
      const asOf = new Date(Math.max(now.getTime(), latestActual(after)));
      const prediction = predictArrival(after.legs, routes.get(after.id)!, lookupIn(table), asOf);
      if (!prediction) continue;
      if (!movedMaterially(contexts.get(after.id)?.published, prediction)) continue;
      const { arrival, earliest, latest } = prediction;
      published.push({ id: after.id, eta: { arrival, earliest, latest, asOf: prediction.asOf } });
      facts.push({
        type: 'shipment.eta.changed' satisfies EventType,
        subject: after.id,
        time: asOf,
        data: {
          shipmentId: after.id,
          shipperId: after.shipperId,
          legSequence: prediction.legSequence,
          estimatedArrival: arrival,
          acceptedAt: prediction.asOf,
          source: 'predicted',
          interval: { earliest, latest },
        },
      });
    }
    await this.store.savePublished(manager, published);
    return {
      facts,
      leg: (id, sequence) => {
        const shipment = changes.find((c) => c.after.id === id)?.after;
        const index = shipment?.legs.findIndex((l) => l.sequence === sequence) ?? -1;
        return index < 0 ? undefined : travelWindow(shipment!.legs[index], routes.get(id)![index], lookupIn(table));
      },
    };
  }

  /** A leg's predicted arrival now, from the model as it stands (for the overdue follow-up). */
  async legNow(
    manager: EntityManager,
    shipment: TrackedShipment,
    corridor: string | null,
    legSequence: number,
    now: Date,
  ): Promise<LegPrediction | undefined> {
    const route = segmentsOf(corridor, shipment.legs);
    const table = await this.store.read(
      manager,
      route.flatMap((s) => (s.dwellKey ? [s.travelKey, s.dwellKey] : [s.travelKey])),
    );
    return predictArrival(shipment.legs, route, lookupIn(table), now)?.legs.find((l) => l.sequence === legSequence);
  }
}
