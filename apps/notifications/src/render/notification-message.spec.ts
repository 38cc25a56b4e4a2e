import { NOTIFIABLE_EVENT_TYPES } from '../subscription/event-filter';
import { renderNotification } from './notification-message';

const kinnow = { trackingNumber: 'KZPK-7F3K-9Q2M', commodity: 'kinnow' };
const shipmentId = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';

describe('renderNotification', () => {
  it('says what happened to whose cargo where', () => {
    expect(renderNotification('customs.cleared', { shipmentId, crossing: 'Torkham' }, kinnow).subject).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham',
    );
    expect(
      renderNotification(
        'customs.held',
        { shipmentId, crossing: 'khunjerab-tashkurgan', reason: 'seal mismatch' },
        kinnow,
      ).subject,
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M held by customs at Khunjerab–Tashkurgan: seal mismatch');
    expect(
      renderNotification(
        'shipment.leg.delayed',
        {
          shipmentId,
          legSequence: 2,
          plannedArrival: '2026-12-03T06:00:00.000Z',
          estimatedArrival: '2026-12-03T10:00:00.000Z',
        },
        kinnow,
      ).subject,
    ).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M is late on leg 2: ' +
        'planned 2026-12-03 06:00 UTC, now expected 2026-12-03 10:00 UTC',
    );
  });

  it('names a booking by its route, from the booking itself', () => {
    const booked = {
      shipmentId,
      trackingNumber: 'KZPK-7F3K-9Q2M',
      cargo: { commodity: 'kinnow' },
      legs: [{ from: { name: 'Lahore', locode: 'PKLHE' }, to: { name: 'Almaty', locode: 'KZALA' } }],
    };
    expect(renderNotification('shipment.booked', booked).subject).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M booked: Lahore (PKLHE) → Almaty (KZALA), 1 leg',
    );
  });

  it('falls back to the short shipment id, and to a generic sentence for a type it does not know', () => {
    expect(renderNotification('customs.cleared', { shipmentId, crossing: 'Chaman' }).subject).toBe(
      'Shipment 6f1c4a52 cleared customs at Chaman',
    );
    expect(renderNotification('shipment.teleported', { shipmentId }).subject).toBe(
      'Shipment 6f1c4a52: shipment teleported',
    );
  });

  it('escapes HTML and writes a text part', () => {
    const rendered = renderNotification(
      'customs.held',
      { shipmentId, crossing: 'Torkham', reason: '<script>alert(1)</script>' },
      kinnow,
    );
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&lt;script&gt;');
    expect(rendered.text).toContain(`Shipment: ${shipmentId}`);
  });

  it('has a sentence for every type a shipper can subscribe to', () => {
    for (const type of NOTIFIABLE_EVENT_TYPES)
      expect(renderNotification(type, { shipmentId }, kinnow).subject).not.toContain(
        type.replaceAll('.', ' ').replaceAll('_', ' '),
      );
  });
});
