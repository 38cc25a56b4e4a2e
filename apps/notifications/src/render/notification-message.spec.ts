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

  it('tells a carrier’s estimate from the predicted arrival and its interval', () => {
    const eta = { shipmentId, legSequence: 3, estimatedArrival: '2026-12-10T12:00:00.000Z' };
    expect(renderNotification('shipment.eta.changed', { ...eta, source: 'carrier' }, kinnow).subject).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: leg 3 now expected 2026-12-10 12:00 UTC',
    );
    const interval = { earliest: '2026-12-09T18:00:00.000Z', latest: '2026-12-12T06:00:00.000Z' };
    expect(renderNotification('shipment.eta.changed', { ...eta, source: 'predicted', interval }, kinnow).subject).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: arrival predicted 2026-12-10 12:00 UTC ' +
        '(between 2026-12-09 18:00 UTC and 2026-12-12 06:00 UTC)',
    );
  });

  it('tells a reefer gone silent, and which carry condition an excursion left', () => {
    expect(
      renderNotification(
        'shipment.reefer.silent',
        { shipmentId, lastReadingAt: '2026-12-03T06:00:00.000Z', silentSince: '2026-12-03T06:00:00.000Z' },
        kinnow,
      ).subject,
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M: no reefer reading since 2026-12-03 06:00 UTC');
    expect(
      renderNotification(
        'shipment.reefer.silent',
        { shipmentId, lastReadingAt: null, silentSince: '2026-12-03T00:00:00.000Z' },
        kinnow,
      ).subject,
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M: no reefer reading since departure at 2026-12-03 00:00 UTC');
    const reading = {
      shipmentId,
      celsius: 6,
      minCelsius: 4,
      maxCelsius: 8,
      humidityPercent: 70,
      minHumidityPercent: 85,
      maxHumidityPercent: 90,
      location: { name: 'Torkham' },
    };
    expect(
      renderNotification('shipment.temperature.excursion', { ...reading, outside: ['humidity'] }, kinnow).subject,
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M at 70 % relative humidity, outside 85–90 %, near Torkham');
    expect(
      renderNotification(
        'shipment.temperature.excursion',
        { ...reading, celsius: 12, outside: ['temperature', 'humidity'] },
        kinnow,
      ).subject,
    ).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M at 12 °C, outside 4–8 °C and 70 % relative humidity, outside 85–90 %, ' +
        'near Torkham',
    );
    // A fact from before humidity was watched names no `outside`: it was the temperature.
    expect(renderNotification('shipment.temperature.excursion', { ...reading, celsius: 12 }, kinnow).subject).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M at 12 °C, outside 4–8 °C, near Torkham',
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
