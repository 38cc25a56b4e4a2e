import type { EventEnvelope } from '@lib/messaging';
import { planNotifications, shipperOf, wireData } from './notification.plan';

const event = (data: Record<string, unknown>, type = 'customs.cleared'): EventEnvelope =>
  ({
    id: 'e-1',
    type,
    source: '/customs',
    subject: 's-1',
    time: '2026-12-02T10:00:00.000Z',
    data,
  }) as unknown as EventEnvelope;

describe('notification plan', () => {
  it('finds the shipper and shipment an event is about, or none', () => {
    expect(shipperOf(event({ shipperId: 'p-1', shipmentId: 's-1' }))).toEqual({ shipperId: 'p-1', shipmentId: 's-1' });
    expect(shipperOf(event({ shipmentId: 's-1' }))).toBeUndefined();
  });

  it('puts occurredAt and acceptedAt on the wire, from the payload when the carrier posted it', () => {
    expect(
      wireData(
        event(
          { shipperId: 'p-1', occurredAt: '2026-12-02T09:00:00Z', acceptedAt: '2026-11-28T21:00:00Z' },
          'shipment.leg.departed',
        ),
        's-1',
      ),
    ).toMatchObject({
      shipmentId: 's-1',
      occurredAt: '2026-12-02T09:00:00Z',
      acceptedAt: '2026-11-28T21:00:00Z',
      eventId: 'e-1',
    });
    expect(wireData(event({ shipperId: 'p-1' }), 's-1')).toMatchObject({
      occurredAt: '2026-12-02T10:00:00.000Z',
      acceptedAt: '2026-12-02T10:00:00.000Z',
    });
  });

  it('always feeds the shipper, and adds one pending delivery per subscription', () => {
    expect(
      planNotifications([
        { id: 'w-1', channel: 'webhook' },
        { id: 'm-1', channel: 'email' },
      ]),
    ).toEqual([
      { channel: 'feed', subscriptionId: null, target: 'feed', status: 'delivered' },
      { channel: 'webhook', subscriptionId: 'w-1', target: 'w-1', status: 'pending' },
      { channel: 'email', subscriptionId: 'm-1', target: 'm-1', status: 'pending' },
    ]);
  });
});
