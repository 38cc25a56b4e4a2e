import { lateFirstLegLeadMs, type ShipmentScenario } from './scenario';
import { send as plainSend, sleep, until, type Caller, type Endpoints, type Send } from './simulator.http';

export interface Actors {
  shipper: Caller & { tenantId: string };
  /** Carriers by carrier code (NLC, TCS, KTZE, PIL, RAI, SCAT …). */
  carriers: Map<string, Caller>;
  /** Customs: attaches documents and decides (an operator key), unless a broker and officers are given. */
  customs: Caller;
  /** The shipper's customs broker: reads its declarations and files the documents. */
  broker?: Caller;
  /** The officer at each crossing (by crossing name): clears the cargo there. */
  officers?: Map<string, Caller>;
}

/** Simulated now, as the services' clocks have it (CLOCK_EPOCH / CLOCK_SCALE / CLOCK_REAL_START). */
export type SimulatedNow = () => Date;

export interface ShipmentRun {
  scenario: ShipmentScenario;
  shipmentId: string;
  trackingNumber: string;
  legs: number;
  posted: number;
  duplicatesPosted: number;
  /** Departures refused with 409 AWAITING_CLEARANCE, then accepted once cleared. */
  gateBlocked: number;
  gateReleased: number;
  held: number;
  delivered: boolean;
  /** Progress for a live display: the leg being driven. */
  leg: number;
}

interface Leg {
  sequence: number;
  carrier: string;
  crossing?: string;
  plannedDeparture?: string;
  plannedArrival?: string;
}

interface Declaration {
  id: string;
  leg: number;
  status: string;
  requiredDocuments: string[];
  missingDocuments: string[];
}

/**
 * Drives one shipment from booking to delivery over HTTP: each document once for the shipment, border
 * arrivals, waiting for clearance before a departure from a crossing (the officer clears a held
 * cargo once the missing certificate is attached), arrivals, delivery — with the scenario's trouble.
 */
interface RunOptions {
  onProgress?: (run: ShipmentRun) => void;
  /**
   * Post each movement at its planned (simulated) time, sleeping CLOCK_SCALE times faster; off: as fast as possible.
   */
  pace?: { scale: number };
  /** How requests are sent (default: once, no retries). */
  send?: Send;
  /** How long and how often to poll for what other services do asynchronously (default 30 s, every 100 ms). */
  patience?: { timeoutMs: number; intervalMs: number };
}

/** How often a perishable's reefer reports while the simulator paces a leg (simulated time). */
const READING_EVERY_MS = 2 * 3600_000;

export async function runShipment(
  endpoints: Endpoints,
  actors: Actors,
  scenario: ShipmentScenario,
  now: SimulatedNow,
  {
    onProgress = () => undefined,
    pace,
    send = plainSend,
    patience = { timeoutMs: 30_000, intervalMs: 100 },
  }: RunOptions = {},
): Promise<ShipmentRun> {
  const poll = <T>(what: string, probe: () => Promise<T | undefined>) =>
    until(what, probe, patience.timeoutMs, patience.intervalMs);
  const filer = actors.broker ?? actors.customs;
  const officerAt = (crossing: string | undefined) => (crossing && actors.officers?.get(crossing)) || actors.customs;
  // A retried post may have taken effect the first time: the carrier API then answers 200 duplicate for the same event.
  const accepted = (answer: { status: number; retried?: boolean }) =>
    answer.status === 201 || (answer.status === 200 && answer.retried === true);
  const waitUntil = async (iso: string | undefined) => {
    if (!pace || !iso) return;
    const ms = (Date.parse(iso) - now().getTime()) / pace.scale;
    if (ms > 0) await sleep(Math.min(ms, 60_000));
  };
  /**
   * Waits like `waitUntil`, and a perishable's reefer keeps reporting on `leg` meanwhile (every
   * READING_EVERY_MS of simulated time), as a real one does — else shipments' reefer-silence watch
   * would rightly raise an alert on every long leg and at every border queue.
   */
  const waitReporting = async (leg: Leg, iso: string | undefined) => {
    const range = scenario.cargo.perishable;
    if (!pace || !iso || !range) return waitUntil(iso);
    const end = Math.min(Date.parse(iso), now().getTime() + 60_000 * pace.scale);
    for (let at = now().getTime() + READING_EVERY_MS; at < end; at += READING_EVERY_MS) {
      await waitUntil(new Date(at).toISOString());
      await expect201(leg, 'temperature', { celsius: (range.minCelsius + range.maxCelsius) / 2 });
    }
    await waitUntil(new Date(end).toISOString());
  };
  // A late first leg: handed over long enough ago that its departure, posted at the planned time, is overdue at once.
  const lead = scenario.trouble.lateFirstLeg ? lateFirstLegLeadMs(scenario.corridor, scenario.direction) : 0;
  const departureAt = new Date(now().getTime() - lead);
  const booked = await send('POST', `${endpoints.shipments}/v1/shipments`, actors.shipper, {
    corridor: scenario.corridor,
    direction: scenario.direction,
    departureAt: departureAt.toISOString(),
    cargo: scenario.cargo,
  });
  if (booked.status !== 201)
    throw new Error(`booking on ${scenario.corridor} refused: ${booked.status} ${JSON.stringify(booked.body)}`);
  const legs = booked.body?.legs as Leg[];
  const run: ShipmentRun = {
    scenario,
    shipmentId: booked.body?.id as string,
    trackingNumber: booked.body?.trackingNumber as string,
    legs: legs.length,
    posted: 0,
    duplicatesPosted: 0,
    gateBlocked: 0,
    gateReleased: 0,
    held: 0,
    delivered: false,
    leg: 0,
  };
  const crossings = legs.filter((l) => l.crossing).length;

  const declarations = async (): Promise<Declaration[]> =>
    ((await send('GET', `${endpoints.customs}/v1/declarations?shipmentId=${run.shipmentId}`, filer)).body?.items as
      Declaration[] | undefined) ?? [];
  const opened = await poll(`declarations of ${run.shipmentId}`, async () => {
    const found = await declarations();
    return found.length === crossings ? found : undefined;
  });
  // The broker files each document the route asks for once, for the shipment: customs uses it at every crossing
  // whose checklist asks for it. In trouble, the phytosanitary certificate is forgotten until customs holds the cargo.
  const forgotten = scenario.trouble.missingPhytosanitary ? 'phytosanitary_certificate' : undefined;
  for (const type of new Set(opened.flatMap((d) => d.requiredDocuments))) {
    if (type !== forgotten) await attach(type);
  }
  let counter = 0;
  const post = async (
    leg: Leg,
    kind: string,
    extra: Record<string, unknown> = {},
    eventId = `${run.shipmentId}-${leg.sequence}-${kind}-${++counter}`,
  ) => {
    const body = {
      eventId,
      shipmentId: run.shipmentId,
      leg: leg.sequence,
      kind,
      occurredAt: now().toISOString(),
      ...extra,
    };
    const answer = await send(
      'POST',
      `${endpoints.shipments}/v1/carrier-events`,
      actors.carriers.get(leg.carrier)!,
      body,
    );
    run.posted += 1;
    return { answer, body };
  };
  const expect201 = async (leg: Leg, kind: string, extra: Record<string, unknown> = {}) => {
    const { answer, body } = await post(leg, kind, extra);
    if (!accepted(answer))
      throw new Error(
        `${kind} on leg ${leg.sequence} of ${run.shipmentId}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    return body;
  };
  async function attach(type: string) {
    const answer = await send('POST', `${endpoints.customs}/v1/shipments/${run.shipmentId}/documents`, filer, {
      type,
      reference: `${type.toUpperCase().slice(0, 6)}-${run.trackingNumber}`,
      issuer: 'Bhalwal Kinnow Exports',
    });
    if (answer.status !== 200) throw new Error(`attaching ${type}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  for (const leg of legs) {
    run.leg = leg.sequence;
    onProgress(run);
    // Before the first departure nothing watches the reefer; later, the cargo waits at this leg's crossing.
    await (leg.sequence === 1 ? waitUntil(leg.plannedDeparture) : waitReporting(leg, leg.plannedDeparture));
    if (leg.crossing) await throughCustoms(leg);
    const late = scenario.trouble.lateFirstLeg && leg.sequence === 1;
    const when = late ? { occurredAt: leg.plannedDeparture } : {};
    const departure = leg.crossing ? await departWhenCleared(leg, when) : await expect201(leg, 'departure', when);
    if (scenario.trouble.duplicatesAndLate && leg.sequence === 1) {
      // The carrier's system sends the departure again: same event id and body, 200 and no new fact.
      const again = await send(
        'POST',
        `${endpoints.shipments}/v1/carrier-events`,
        actors.carriers.get(leg.carrier)!,
        departure,
      );
      if (again.status !== 200) throw new Error(`duplicate departure: ${again.status}`);
      run.duplicatesPosted += 1;
    }
    if (scenario.cargo.perishable) {
      const { minCelsius, maxCelsius } = scenario.cargo.perishable;
      await expect201(leg, 'temperature', {
        celsius:
          scenario.trouble.reeferExcursion && leg.sequence === 1 ? maxCelsius + 6 : (minCelsius + maxCelsius) / 2,
      });
    }
    const last = leg.sequence === legs.length;
    await waitReporting(leg, leg.plannedArrival);
    if (scenario.trouble.lateFirstLeg && leg.sequence === 1) {
      // The truck is late: it arrives only after the overdue follow-up has declared the leg delayed (a new ETA).
      await poll(`the overdue follow-up of ${run.shipmentId}`, async () => {
        const shipment = (await send('GET', `${endpoints.shipments}/v1/shipments/${run.shipmentId}`, actors.shipper))
          .body as { legs?: { eta?: string }[] } | undefined;
        return shipment?.legs?.[0]?.eta ? true : undefined;
      });
    }
    await expect201(leg, last ? 'delivery' : 'arrival');
    if (scenario.trouble.duplicatesAndLate && leg.sequence === 1) {
      // A gate-in reported late, an hour before the departure: kept in the timeline, no status moves back.
      await expect201(leg, 'gate_in', {
        occurredAt: new Date(Date.parse(departure.occurredAt) - 3600_000).toISOString(),
      });
    }
  }
  run.delivered = true;
  onProgress(run);
  return run;

  /**
   * Border arrival, then the departure waits for customs.cleared; a held cargo
   * is released once its papers are complete.
   */
  async function throughCustoms(leg: Leg) {
    await expect201(leg, 'border_arrival');
    const declaration = await poll(`customs at ${leg.crossing}`, async () => {
      const found = (await declarations()).find((d) => d.leg === leg.sequence);
      return found && !['PENDING', 'DOCUMENTS_COMPLETE'].includes(found.status) ? found : undefined;
    });
    if (declaration.status === 'CLEARED') return;
    if (declaration.status === 'HELD') run.held += 1;
    // The gate: before clearance the departure is refused.
    const early = await post(leg, 'departure');
    if (early.answer.status === 409 && early.answer.body?.code === 'AWAITING_CLEARANCE') run.gateBlocked += 1;
    else
      throw new Error(
        `departure before clearance at ${leg.crossing}: ${early.answer.status} ${JSON.stringify(early.answer.body)}`,
      );
    for (const type of declaration.missingDocuments) await attach(type);
    const cleared = await send(
      'POST',
      `${endpoints.customs}/v1/declarations/${declaration.id}/clear`,
      officerAt(leg.crossing),
      {},
    );
    if (cleared.status !== 200)
      throw new Error(`clearing at ${leg.crossing}: ${cleared.status} ${JSON.stringify(cleared.body)}`);
    run.gateReleased += 1;
  }

  /** Shipments hears of customs.cleared over Kafka; until then a departure from the crossing is still 409. */
  async function departWhenCleared(leg: Leg, extra: Record<string, unknown> = {}) {
    return poll(`departure from ${leg.crossing}`, async () => {
      const { answer, body } = await post(leg, 'departure', extra);
      if (accepted(answer)) return body;
      if (answer.status === 409 && answer.body?.code === 'AWAITING_CLEARANCE') return undefined;
      throw new Error(
        `departure on leg ${leg.sequence} of ${run.shipmentId}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    });
  }
}
