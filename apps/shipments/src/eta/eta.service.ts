import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType } from '@lib/contracts';
import type { NewEvent } from '@lib/messaging';
import type { TrackedShipment } from '../shipment/tracking-state';
import { type LegSegments, segmentsOf } from './eta.segments';
import {
  movedMaterially,
  observationsOf,
  predictArrival,
  summarise,
  travelWindow,
  type EtaPrediction,
  type LegWindow,
  type PublishedEta,
} from './eta.predictor';
import { EMPTY_STATS, mergeStats } from './eta.stats';
import { EtaStore, lookupIn } from './eta.store';

/** What a post's accepted events mean for the predicted ETAs of the shipments they changed. */
export interface EtaAssessment {
  /** `shipment.eta.changed` (source: predicted) for each shipment whose prediction moved materially. */
  facts: NewEvent<'shipment.eta.changed'>[];
  /** A departed leg's arrival as predicted from its departure (median, upper bound): its overdue watch. */
  leg(shipmentId: string, legSequence: number): LegWindow | undefined;
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

/** The `shipment.eta.changed` (source: predicted) a prediction publishes. */
function etaChanged(shipment: TrackedShipment, prediction: EtaPrediction): NewEvent<'shipment.eta.changed'> {
  return {
    type: 'shipment.eta.changed' satisfies EventType,
    subject: shipment.id,
    time: new Date(prediction.asOf),
    data: {
      shipmentId: shipment.id,
      shipperId: shipment.shipperId,
      legSequence: prediction.legSequence,
      estimatedArrival: prediction.arrival,
      acceptedAt: prediction.asOf,
      source: 'predicted',
      interval: { earliest: prediction.earliest, latest: prediction.latest },
    },
  };
}

const publishedOf = ({ arrival, earliest, latest, asOf }: EtaPrediction) => ({ arrival, earliest, latest, asOf });
const keysOf = (route: LegSegments[]) => route.flatMap((s) => (s.dwellKey ? [s.travelKey, s.dwellKey] : [s.travelKey]));

const NO_ASSESSMENT: EtaAssessment = { facts: [], leg: () => undefined };

/**
 * Predicted ETA inside the carrier event's (or the follow-up's) transaction: learns from the durations
 * the events completed (once each: they come from state transitions, and a duplicate event changes no
 * state), predicts the remaining legs and the arrival, and publishes through the outbox only when that
 * moved materially. The prediction is an opinion beside the carrier's facts: every step runs under a
 * savepoint, and a fault in it (a bug, a bad row) is rolled back to there and logged, and the caller
 * goes on without a prediction — it never refuses a carrier's event nor fails a follow-up.
 */
@Injectable()
export class EtaService {
  private readonly logger = new Logger(EtaService.name);

  constructor(private readonly store: EtaStore) {}

  async assess(
    manager: EntityManager,
    changes: { before: TrackedShipment; after: TrackedShipment }[],
    now: Date,
  ): Promise<EtaAssessment> {
    // Only a shipment that has left learns (a dwell is learned at the departure that ends it, a last leg
    // at its delivery) or is predicted: a booking's readings and customs cost nothing here.
    changes = changes.filter(({ after }) => after.legs.some((l) => l.actualDeparture));
    if (changes.length === 0) return NO_ASSESSMENT;
    return (await this.guarded(manager, 'assess', () => this.assessIn(manager, changes, now))) ?? NO_ASSESSMENT;
  }

  private async assessIn(
    manager: EntityManager,
    changes: { before: TrackedShipment; after: TrackedShipment }[],
    now: Date,
  ): Promise<EtaAssessment> {
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
    const table = await this.store.read(manager, [...routes.values()].flatMap(keysOf));
    // summarise() keys by statsId: the post's observations count in its own predictions.
    for (const [id, l] of learned) table.set(id, mergeStats(table.get(id) ?? EMPTY_STATS, l.stats));
    await this.store.record(manager, [...learned.values()]);

    const facts: NewEvent<'shipment.eta.changed'>[] = [];
    const published: { id: string; eta: PublishedEta }[] = [];
    for (const { after } of changes) {
      if (!moving(after)) continue;
      const asOf = new Date(Math.max(now.getTime(), latestActual(after)));
      const prediction = predictArrival(after.legs, routes.get(after.id)!, lookupIn(table), asOf);
      if (!prediction) continue;
      if (!movedMaterially(contexts.get(after.id)?.published, prediction)) continue;
      published.push({ id: after.id, eta: publishedOf(prediction) });
      facts.push(etaChanged(after, prediction));
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

  /**
   * The prediction now, from the model as it stands, for the overdue watch: the leg in progress is
   * conditioned on the time it has already taken. When it moved materially from what was last published
   * (`movedMaterially`, as for a carrier event), it is recorded on the shipment row and returned with the
   * `shipment.eta.changed` the caller appends to the outbox in its transaction, so the shipper's "delayed"
   * and the last published ETA agree. Undefined when nothing can be predicted or the model faulted.
   */
  async reassess(
    manager: EntityManager,
    shipment: TrackedShipment,
    now: Date,
  ): Promise<{ prediction: EtaPrediction; fact?: NewEvent<'shipment.eta.changed'> } | undefined> {
    return this.guarded(manager, 'reassess', async () => {
      const context = (await this.store.contexts(manager, [shipment.id])).get(shipment.id);
      const route = segmentsOf(context?.corridor, shipment.legs);
      const table = await this.store.read(manager, keysOf(route));
      const asOf = new Date(Math.max(now.getTime(), latestActual(shipment)));
      const prediction = predictArrival(shipment.legs, route, lookupIn(table), asOf);
      if (!prediction) return undefined;
      if (!movedMaterially(context?.published, prediction)) return { prediction };
      await this.store.savePublished(manager, [{ id: shipment.id, eta: publishedOf(prediction) }]);
      return { prediction, fact: etaChanged(shipment, prediction) };
    });
  }

  /**
   * Runs a step under `SAVEPOINT eta`: released on success; on a fault, rolled back to it (the caller's
   * transaction and everything it wrote before stay intact), logged, and undefined returned.
   */
  private async guarded<T>(manager: EntityManager, step: string, run: () => Promise<T>): Promise<T | undefined> {
    await manager.query('SAVEPOINT eta');
    try {
      const result = await run();
      await manager.query('RELEASE SAVEPOINT eta');
      return result;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT eta');
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.logger.warn(`ETA ${step} failed, going on without a prediction: ${detail}`);
      return undefined;
    }
  }
}
