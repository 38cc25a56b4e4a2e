import type { Cargo, LegSummary } from '@lib/contracts';
import {
  canDo,
  checklist,
  conflictCode,
  describeMissing,
  documentsNeededAt,
  missingDocuments,
} from './declaration-workflow';
import { requiredDocuments } from './document-rules';

const kinnow: Cargo = { commodity: 'kinnow', hsCode: '0805.21', packages: 10, weightKg: 100 };
const flour: Cargo = { commodity: 'wheat flour', hsCode: '1101.00', packages: 10, weightKg: 100 };
const torkham: LegSummary = {
  sequence: 2,
  mode: 'ROAD',
  carrier: 'NLC',
  from: { locode: 'PKTOR', name: 'Torkham' },
  to: { locode: 'AFKBL', name: 'Kabul' },
  crossing: 'Torkham',
};
const aktauPort: LegSummary = {
  sequence: 4,
  mode: 'SEA',
  carrier: 'KTZE',
  from: { locode: 'TMKRW', name: 'Turkmenbashi' },
  to: { locode: 'KZAAU', name: 'Aktau' },
  crossing: 'Turkmenbashi',
};

describe('document checklist (rules as data)', () => {
  it('asks fresh fruit leaving Pakistan over a land border for everything', () => {
    expect(requiredDocuments(kinnow, torkham)).toEqual([
      'commercial_invoice',
      'packing_list',
      'certificate_of_origin',
      'phytosanitary_certificate',
      'tir_carnet',
      'pakistan_goods_declaration',
    ]);
  });

  it('asks no phytosanitary certificate for flour, no TIR carnet at a port, no GD outside Pakistan', () => {
    expect(requiredDocuments(flour, aktauPort)).toEqual([
      'commercial_invoice',
      'packing_list',
      'certificate_of_origin',
    ]);
  });
});

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
