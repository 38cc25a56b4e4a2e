import { eventTypes } from '@lib/contracts';
import { LANGUAGES } from '@lib/i18n';
import { NOTIFIABLE_EVENT_TYPES } from '../subscription/event-filter';
import { renderNotification, timeZoneOfEvent } from './notification-message';

const kinnow = { trackingNumber: 'KZPK-7F3K-9Q2M', commodity: 'kinnow' };
const shipmentId = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';
const subject = (...args: Parameters<typeof renderNotification>) => renderNotification(...args).subject;

describe('renderNotification in English', () => {
  it('says what happened to whose cargo where, at the place’s local time with its offset', () => {
    expect(subject('customs.cleared', { shipmentId, crossing: 'Torkham' }, kinnow)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham',
    );
    expect(
      subject('customs.held', { shipmentId, crossing: 'khunjerab-tashkurgan', reason: 'seal mismatch' }, kinnow),
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M held by customs at Khunjerab–Tashkurgan: seal mismatch');
    // Torkham's customs post is on Pakistan's side: 06:00 UTC is 11:00 there.
    expect(
      subject(
        'customs.sla.breached',
        { shipmentId, crossing: 'torkham', deadline: '2026-12-03T06:00:00.000Z' },
        kinnow,
        'en',
      ),
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M: customs clearance at Torkham overdue since Dec 3, 2026, 11:00 GMT+5');
  });

  it('falls back to UTC, offset shown, when the payload names no place', () => {
    expect(
      subject(
        'shipment.leg.delayed',
        {
          shipmentId,
          legSequence: 2,
          plannedArrival: '2026-12-03T06:00:00.000Z',
          estimatedArrival: '2026-12-03T10:00:00.000Z',
        },
        kinnow,
      ),
    ).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M is late on leg 2: ' +
        'planned Dec 3, 2026, 06:00 GMT+0, now expected Dec 3, 2026, 10:00 GMT+0',
    );
  });

  it('reads the times of events that name no place in the zone of the booked place they concern', () => {
    // Leg 1 arrives at Kabul (UTC+4:30), leg 2 at Urumqi (UTC+8), the destination.
    const booked = {
      ...kinnow,
      legs: [
        { sequence: 1, from: { name: 'Lahore', locode: 'PKLHE' }, to: { name: 'Kabul', locode: 'AFKBL' } },
        { sequence: 2, from: { name: 'Kabul', locode: 'AFKBL' }, to: { name: 'Urumqi', locode: 'CNURC' } },
      ],
    };
    const at = '2026-12-03T06:00:00.000Z';
    const delayed = { shipmentId, legSequence: 1, plannedArrival: at, estimatedArrival: at, occurredAt: at };
    expect(renderNotification('shipment.leg.delayed', delayed, booked).text).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M is late on leg 1: ' +
        'planned Dec 3, 2026, 10:30 GMT+4:30, now expected Dec 3, 2026, 10:30 GMT+4:30.\n\n' +
        `Shipment: ${shipmentId}\nTracking number: KZPK-7F3K-9Q2M\nEvent: shipment.leg.delayed\n` +
        'When: Dec 3, 2026, 10:30 GMT+4:30\n',
    );
    const eta = { shipmentId, legSequence: 1, estimatedArrival: at };
    expect(subject('shipment.eta.changed', { ...eta, source: 'carrier' }, booked)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: leg 1 now expected Dec 3, 2026, 10:30 GMT+4:30',
    );
    expect(subject('shipment.eta.changed', { ...eta, source: 'predicted' }, booked)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: arrival predicted Dec 3, 2026, 14:00 GMT+8',
    );
    expect(subject('shipment.shelf_life.at_risk', { shipmentId, expiresAt: at, estimatedDelivery: at }, booked)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M shelf life at risk: expires Dec 3, 2026, 14:00 GMT+8, ' +
        'delivery expected Dec 3, 2026, 14:00 GMT+8',
    );
    const silent = { shipmentId, lastReadingAt: at, silentSince: at };
    expect(subject('shipment.reefer.silent', { ...silent, legSequence: 1 }, booked)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: no reefer reading since Dec 3, 2026, 10:30 GMT+4:30',
    );
    expect(subject('shipment.reefer.silent', silent, booked)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: no reefer reading since Dec 3, 2026, 14:00 GMT+8',
    );
  });

  it('tells a carrier’s estimate from the predicted arrival and its interval', () => {
    const eta = { shipmentId, legSequence: 3, estimatedArrival: '2026-12-10T12:00:00.000Z' };
    expect(subject('shipment.eta.changed', { ...eta, source: 'carrier' }, kinnow)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: leg 3 now expected Dec 10, 2026, 12:00 GMT+0',
    );
    const interval = { earliest: '2026-12-09T18:00:00.000Z', latest: '2026-12-12T06:00:00.000Z' };
    expect(subject('shipment.eta.changed', { ...eta, source: 'predicted', interval }, kinnow)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M: arrival predicted Dec 10, 2026, 12:00 GMT+0 ' +
        '(between Dec 9, 2026, 18:00 GMT+0 and Dec 12, 2026, 06:00 GMT+0)',
    );
  });

  it('tells a reefer gone silent, and which carry condition an excursion left', () => {
    expect(
      subject(
        'shipment.reefer.silent',
        { shipmentId, lastReadingAt: '2026-12-03T06:00:00.000Z', silentSince: '2026-12-03T06:05:00.000Z' },
        kinnow,
      ),
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M: no reefer reading since Dec 3, 2026, 06:00 GMT+0');
    expect(
      subject(
        'shipment.reefer.silent',
        { shipmentId, lastReadingAt: null, silentSince: '2026-12-03T00:00:00.000Z' },
        kinnow,
      ),
    ).toBe('Kinnow shipment KZPK-7F3K-9Q2M: no reefer reading since departure at Dec 3, 2026, 00:00 GMT+0');
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
    expect(subject('shipment.temperature.excursion', { ...reading, outside: ['humidity'] }, kinnow)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M at 70 % relative humidity, outside 85–90 %, near Torkham',
    );
    expect(
      subject(
        'shipment.temperature.excursion',
        { ...reading, celsius: 12, outside: ['temperature', 'humidity'] },
        kinnow,
      ),
    ).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M at 12 °C, outside 4–8 °C and 70 % relative humidity, outside 85–90 %, ' +
        'near Torkham',
    );
    // A reading the payload lacks is a dash, not "NaN".
    const { celsius: _celsius, ...noCelsius } = { ...reading, celsius: 12 };
    expect(subject('shipment.temperature.excursion', noCelsius, kinnow)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M at — °C, outside 4–8 °C, near Torkham',
    );
    expect(subject('shipment.temperature.excursion', { ...noCelsius, outside: ['temperature'] }, kinnow, 'ru')).toBe(
      'Груз KZPK-7F3K-9Q2M (kinnow): нарушен температурный режим — — °C при допустимых 4–8 °C, район пункта Torkham',
    );
    // A fact from before humidity was watched names no `outside`: it was the temperature.
    expect(subject('shipment.temperature.excursion', { ...reading, celsius: 12 }, kinnow)).toBe(
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
    expect(subject('shipment.booked', booked)).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M booked: Lahore (PKLHE) → Almaty (KZALA), 1 leg',
    );
  });

  it('falls back to the short shipment id, and to a generic sentence for a type it does not know', () => {
    expect(subject('customs.cleared', { shipmentId, crossing: 'Chaman' })).toBe(
      'Shipment 6f1c4a52 cleared customs at Chaman',
    );
    for (const language of LANGUAGES)
      expect(subject('shipment.teleported', { shipmentId }, {}, language)).toContain('shipment teleported');
  });

  it('writes a text part with the facts, the time in the event’s zone', () => {
    const rendered = renderNotification(
      'shipment.leg.arrived',
      {
        shipmentId,
        legSequence: 1,
        carrier: 'NLC',
        location: { name: 'Almaty', locode: 'KZALA' },
        occurredAt: '2026-12-03T06:00:00.000Z',
      },
      kinnow,
    );
    expect(rendered.text).toBe(
      'Kinnow shipment KZPK-7F3K-9Q2M arrived at Almaty (KZALA) (leg 1, NLC).\n\n' +
        `Shipment: ${shipmentId}\nTracking number: KZPK-7F3K-9Q2M\nEvent: shipment.leg.arrived\n` +
        'When: Dec 3, 2026, 11:00 GMT+5\n',
    );
  });

  it('has a sentence of its own for every event type, in every language (the generic one names the type)', () => {
    for (const language of LANGUAGES)
      for (const type of eventTypes) {
        const words = type.replaceAll('.', ' ').replaceAll('_', ' ');
        const generic = subject(type, { shipmentId }, kinnow, language).includes(words);
        expect({ language, type, generic }).toEqual({ language, type, generic: false });
      }
    expect(NOTIFIABLE_EVENT_TYPES.every((type) => eventTypes.includes(type))).toBe(true);
  });
});

describe('renderNotification in Russian, Kazakh and Urdu', () => {
  const opened = (count: number) => ({
    shipmentId,
    crossing: 'torkham',
    requiredDocuments: Array.from({ length: count }, (_, i) => `document_${i}`),
  });

  it('uses Russian plural forms (1 документ, 2 документа, 5 документов, 21 документ)', () => {
    expect([1, 2, 5, 11, 21].map((n) => subject('customs.declaration.opened', opened(n), kinnow, 'ru'))).toEqual(
      ['1 документ', '2 документа', '5 документов', '11 документов', '21 документ'].map(
        (documents) =>
          'Груз KZPK-7F3K-9Q2M (kinnow): на пункте пропуска Torkham открыта таможенная декларация, ' +
          `нужно представить ${documents}`,
      ),
    );
    const legs = (n: number) => Array.from({ length: n }, () => ({ from: { name: 'Lahore' }, to: { name: 'Almaty' } }));
    expect([1, 3, 5].map((n) => subject('shipment.booked', { shipmentId, legs: legs(n) }, kinnow, 'ru'))).toEqual([
      'Груз KZPK-7F3K-9Q2M (kinnow) принят к перевозке: Lahore → Almaty, 1 этап',
      'Груз KZPK-7F3K-9Q2M (kinnow) принят к перевозке: Lahore → Almaty, 3 этапа',
      'Груз KZPK-7F3K-9Q2M (kinnow) принят к перевозке: Lahore → Almaty, 5 этапов',
    ]);
  });

  it('translates document types and lists them the language’s way', () => {
    const missing = {
      shipmentId,
      crossing: 'torkham',
      stage: 'arrival',
      missing: ['phytosanitary_certificate', 'tir_carnet'],
    };
    expect(subject('customs.documents.missing', missing, kinnow, 'ru')).toBe(
      'Груз KZPK-7F3K-9Q2M (kinnow) задержан на пункте пропуска Torkham, не хватает документов: ' +
        'фитосанитарный сертификат и книжка МДП',
    );
    expect(subject('customs.documents.missing', missing, kinnow, 'kk')).toContain(
      'фитосанитариялық сертификат және ХЖТ кітапшасы',
    );
    expect(subject('customs.documents.missing', missing, kinnow, 'ur')).toContain(
      'فائٹو سینیٹری سرٹیفکیٹ اور ٹی آئی آر کارنیٹ',
    );
  });

  it('prints times in the place’s zone with the offset, in the language’s own format', () => {
    const reminder = {
      shipmentId,
      crossing: 'gishtkuprik-zhibek-zholy',
      stage: 'reminder',
      expectedAt: '2026-12-03T06:00:00.000Z',
      missing: ['packing_list'],
    };
    // Gishtkuprik's customs post is on the Uzbek side (UTC+5).
    expect(timeZoneOfEvent(reminder)).toBe('Asia/Tashkent');
    expect(subject('customs.documents.missing', reminder, kinnow, 'ru')).toBe(
      'Груз KZPK-7F3K-9Q2M (kinnow): для пункта пропуска Gishtkuprik–Zhibek Zholy всё ещё не хватает документов ' +
        '(прибытие ожидается 3 дек. 2026 г., 11:00 GMT+5): упаковочный лист',
    );
    const arrived = {
      shipmentId,
      legSequence: 4,
      carrier: 'KTZ Express',
      location: { name: 'Almaty', locode: 'KZALA' },
      occurredAt: '2026-12-03T19:30:00.000Z',
    };
    expect(renderNotification('shipment.leg.arrived', arrived, kinnow, 'kk').text).toBe(
      'Жүк KZPK-7F3K-9Q2M (kinnow) Almaty (KZALA) пунктіне келді (4-кезең, тасымалдаушы KTZ Express).\n\n' +
        `Жүк: ${shipmentId}\nТрек-нөмір: KZPK-7F3K-9Q2M\nОқиға: shipment.leg.arrived\n` +
        'Уақыты: 2026 ж. 4 жел., 00:30 GMT+5\n',
    );
  });

  it('writes Urdu right to left, with its own full stop', () => {
    const rendered = renderNotification('customs.cleared', { shipmentId, crossing: 'Torkham' }, kinnow, 'ur');
    expect(rendered).toMatchObject({
      language: 'ur',
      direction: 'rtl',
      subject: 'کھیپ KZPK-7F3K-9Q2M (kinnow) کی Torkham پر کسٹمز کلیئرنس ہو گئی',
    });
    expect(rendered.text.split('\n')[0]).toBe(`${rendered.subject}۔`);
    expect(rendered.facts.map(([label]) => label)).toEqual(['کھیپ', 'ٹریکنگ نمبر', 'واقعہ']);
  });

  it('chooses the variant by select: a reminder or an arrival, a reading or none', () => {
    const silent = { shipmentId, silentSince: '2026-12-03T00:00:00.000Z' };
    expect(subject('shipment.reefer.silent', { ...silent, lastReadingAt: null }, kinnow, 'ru')).toBe(
      'Груз KZPK-7F3K-9Q2M (kinnow): нет данных от рефрижератора с момента отправки (3 дек. 2026 г., 00:00 GMT+0)',
    );
    expect(
      subject('shipment.reefer.silent', { ...silent, lastReadingAt: '2026-12-02T22:00:00.000Z' }, kinnow, 'ru'),
    ).toBe('Груз KZPK-7F3K-9Q2M (kinnow): нет данных от рефрижератора с 2 дек. 2026 г., 22:00 GMT+0');
  });
});
