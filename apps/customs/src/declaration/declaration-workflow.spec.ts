import {
  canDo,
  checklist,
  conflictCode,
  describeMissing,
  documentsNeededAt,
  missingDocuments,
} from './declaration-workflow';
describe('declaration workflow', () => {
  it('clears only after arrival, and nothing after a decision', () => {
    expect(canDo('PENDING', 'clear')).toBe(false);
    expect(canDo('ARRIVED', 'clear')).toBe(true);
    expect(canDo('HELD', 'start_inspection')).toBe(true);
    expect(canDo('CLEARED', 'hold')).toBe(false);
    expect(conflictCode('CLEARED', 'hold')).toBe('DECLARATION_CLEARED');
    expect(conflictCode('PENDING', 'clear')).toBe('CANNOT_CLEAR_WHEN_PENDING');
  });

  const expectedAt = { at: new Date('2026-06-03T08:00:00Z'), arrived: false };

  it('lists what is still missing', () => {
    expect(missingDocuments(['commercial_invoice', 'packing_list'], [{ type: 'packing_list' }], expectedAt)).toEqual([
      'commercial_invoice',
    ]);
  });

  it('counts a document that expires before the cargo is at the crossing as missing, with the reason', () => {
    const attached = [
      { type: 'commercial_invoice', validUntil: '2026-06-03T13:00:00+05:00' }, // 08:00Z: valid exactly then
      { type: 'phytosanitary_certificate', validUntil: '2026-06-02T23:59:59Z' },
    ];
    const required = ['commercial_invoice', 'phytosanitary_certificate', 'packing_list'];
    expect(checklist(required, attached, expectedAt)).toEqual([
      { document: 'commercial_invoice', status: 'attached', validUntil: '2026-06-03T13:00:00+05:00' },
      {
        document: 'phytosanitary_certificate',
        status: 'expired',
        validUntil: '2026-06-02T23:59:59Z',
        reason:
          'valid until 2026-06-02T23:59:59Z, before the cargo is expected at the crossing (2026-06-03T08:00:00.000Z)',
      },
      { document: 'packing_list', status: 'missing' },
    ]);
    expect(missingDocuments(required, attached, expectedAt)).toEqual(['phytosanitary_certificate', 'packing_list']);
    expect(describeMissing(checklist(required, attached, expectedAt))).toBe(
      'phytosanitary_certificate (expired 2026-06-02T23:59:59Z), packing_list',
    );
  });

  it('needs documents valid at the arrival once arrived; before that when expected, or now if that has passed', () => {
    const now = new Date('2026-06-05T00:00:00Z');
    const arrivedAt = new Date('2026-06-04T00:00:00Z');
    const expectedAt = new Date('2026-06-03T00:00:00Z');
    expect(documentsNeededAt({ arrivedAt, expectedAt }, now)).toEqual({ at: arrivedAt, arrived: true });
    expect(documentsNeededAt({ arrivedAt: null, expectedAt }, now)).toEqual({ at: now, arrived: false });
    expect(documentsNeededAt({ arrivedAt: null, expectedAt: new Date('2026-06-09T00:00:00Z') }, now)).toEqual({
      at: new Date('2026-06-09T00:00:00Z'),
      arrived: false,
    });
    expect(documentsNeededAt({ arrivedAt: null, expectedAt: null }, now)).toEqual({ at: now, arrived: false });
  });
});

describe('one shipment document, checked against the arrival at each crossing', () => {
  it('counts a certificate valid at the first crossing and expired by the second as missing there, with why', () => {
    const filed = [{ type: 'phytosanitary_certificate', validUntil: '2026-06-05T00:00:00Z' }];
    const required = ['phytosanitary_certificate'];
    const first = { at: new Date('2026-06-03T08:00:00Z'), arrived: true };
    const second = { at: new Date('2026-06-07T08:00:00Z'), arrived: false };
    expect(checklist(required, filed, first)).toEqual([
      { document: 'phytosanitary_certificate', status: 'attached', validUntil: '2026-06-05T00:00:00Z' },
    ]);
    expect(checklist(required, filed, second)).toEqual([
      {
        document: 'phytosanitary_certificate',
        status: 'expired',
        validUntil: '2026-06-05T00:00:00Z',
        reason:
          'valid until 2026-06-05T00:00:00Z, before the cargo is expected at the crossing (2026-06-07T08:00:00.000Z)',
      },
    ]);
  });
});
