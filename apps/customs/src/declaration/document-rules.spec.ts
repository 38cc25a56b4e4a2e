import type { Cargo, LegSummary } from '@lib/contracts';
import { canDo, conflictCode, missingDocuments } from './declaration-workflow';
import { requiredDocuments } from './document-rules';

const kinnow: Cargo = { commodity: 'kinnow', hsCode: '0805.21', packages: 10, weightKg: 100 };
const flour: Cargo = { commodity: 'wheat flour', hsCode: '1101.00', packages: 10, weightKg: 100 };
const torkham: LegSummary = { sequence: 2, mode: 'ROAD', carrier: 'NLC', from: { locode: 'PKTOR', name: 'Torkham' }, to: { locode: 'AFKBL', name: 'Kabul' }, crossing: 'Torkham' };
const aktauPort: LegSummary = { sequence: 4, mode: 'SEA', carrier: 'KTZE', from: { locode: 'TMKRW', name: 'Turkmenbashi' }, to: { locode: 'KZAAU', name: 'Aktau' }, crossing: 'Turkmenbashi' };

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
    expect(requiredDocuments(flour, aktauPort)).toEqual(['commercial_invoice', 'packing_list', 'certificate_of_origin']);
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

  it('lists what is still missing', () => {
    expect(missingDocuments(['commercial_invoice', 'packing_list'], [{ type: 'packing_list' }])).toEqual(['commercial_invoice']);
  });
});
