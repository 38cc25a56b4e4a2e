import { randomUUID } from 'node:crypto';
import type { ShipmentBooked } from '@lib/contracts';
import { toKafkaMessage, type EventEnvelope } from '@lib/messaging';

/** A `shipment.booked` envelope as the shipments relay would publish it, for tests that play that part. */
export function bookedEvent(overrides: Partial<ShipmentBooked> = {}): EventEnvelope<'shipment.booked'> {
  const shipmentId = overrides.shipmentId ?? randomUUID();
  const data: ShipmentBooked = {
    shipmentId,
    trackingNumber: `KZPK-TEST-${shipmentId.slice(0, 4).toUpperCase()}`,
    shipperId: 'shipper-test',
    cargo: { commodity: 'mango', hsCode: '0804.50', packages: 400, weightKg: 6000 },
    legs: [
      {
        sequence: 1,
        mode: 'ROAD',
        carrier: 'NLC',
        from: { locode: 'PKKHI', name: 'Karachi' },
        to: { locode: 'PKTOR', name: 'Torkham' },
        crossing: 'Torkham',
      },
    ],
    bookedAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  };
  return {
    id: randomUUID(),
    type: 'shipment.booked',
    source: '/shipments',
    subject: shipmentId,
    time: data.bookedAt,
    data,
  };
}

export { toKafkaMessage };

/** A `customs.*` envelope about a declaration at Torkham, as the customs relay would publish it. */
export function customsEvent<T extends 'customs.cleared' | 'customs.held' | 'customs.documents.missing'>(
  type: T,
  shipperId: string,
  shipmentId: string = randomUUID(),
  extra: Record<string, unknown> = {},
): EventEnvelope<T> {
  const time = new Date().toISOString();
  const data = { declarationId: randomUUID(), shipmentId, shipperId, crossing: 'Torkham', legSequence: 2, ...extra };
  return { id: randomUUID(), type, source: '/customs', subject: shipmentId, time, data } as unknown as EventEnvelope<T>;
}
