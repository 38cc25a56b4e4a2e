// What the benchmarks post: shipments booked on one road leg Karachi → Torkham and departed, then
// border arrivals — each accepted arrival is a fact (shipment.border.reached) that goes through the
// outbox, Kafka and both consumers.

// Planned times must fall within a year back and two years ahead of the clock.
const booking = () => ({
  cargo: { commodity: 'cotton yarn', hsCode: '5205.12', packages: 100, weightKg: 1500 },
  legs: [
    {
      mode: 'ROAD',
      carrier: 'NLC',
      from: { locode: 'PKKHI', name: 'Karachi' },
      to: { locode: 'PKTOR', name: 'Torkham' },
      plannedArrival: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
  ],
});
const BATCH_LIMIT = 500;

/** Books `count` shipments (a few bookings at a time) and reports their departure; answers their ids. */
export async function bookDepartedShipments(stack, { count, shipper, carrier, concurrency = 8 }) {
  const ids = [];
  for (let i = 0; i < count; i += concurrency) {
    const slice = Array.from({ length: Math.min(concurrency, count - i) }, () =>
      stack.post('shipments', '/v1/shipments', booking(), shipper),
    );
    for (const booked of await Promise.all(slice)) ids.push(booked.id);
  }
  for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
    const events = ids.slice(i, i + BATCH_LIMIT).map((shipmentId) => ({
      eventId: `dep-${shipmentId}`,
      shipmentId,
      leg: 1,
      kind: 'departure',
      occurredAt: new Date().toISOString(),
    }));
    await stack.post('shipments', '/v1/carrier-events/batch', { events }, carrier);
  }
  return ids;
}

/** A border arrival at Torkham on leg 1. */
export const borderArrival = (eventId, shipmentId, occurredAt = new Date().toISOString()) => ({
  eventId,
  shipmentId,
  leg: 1,
  kind: 'border_arrival',
  crossing: 'Torkham',
  occurredAt,
});

/** The bench's shipper and carrier keys on a stack. */
export function benchKeys(stack) {
  return {
    shipper: stack.key('shipper', 'Bench Shipper'),
    carrier: stack.key('carrier', 'Bench NLC', ['--carrier', 'NLC']),
  };
}
