import type { Cargo, TransportMode } from '@lib/contracts';
import { findCrossing, legsFor, listCorridors } from '@lib/reference-data';
import { requirementsForRoute } from './document-rules';
import type { BookedLeg } from './route-facts';

const kinnow: Cargo = { commodity: 'kinnow', hsCode: '0805.21', packages: 10, weightKg: 100 };
const flour: Cargo = { commodity: 'wheat flour', hsCode: '1101.00', packages: 10, weightKg: 100 };

/** The corridors' places (reference data), so a route can be written as a list of stops. */
const at: Record<string, { locode?: string; name: string }> = {
  almaty: { locode: 'KZALA', name: 'Almaty' },
  gishtkuprik: { name: 'Gishtkuprik' },
  hairatan: { locode: 'AFHRT', name: 'Hairatan' },
  torkham: { locode: 'PKTOR', name: 'Torkham' },
  karachi: { locode: 'PKKHI', name: 'Karachi' },
  jebelAli: { locode: 'AEJEA', name: 'Jebel Ali' },
  islamabad: { locode: 'PKISB', name: 'Islamabad' },
  sost: { name: 'Sost dry port' },
  kashgar: { locode: 'CNKHG', name: 'Kashgar' },
  bishkek: { locode: 'KGFRU', name: 'Bishkek' },
  aktau: { locode: 'KZAAU', name: 'Aktau' },
  serhetabat: { name: 'Serhetabat' },
  chaman: { locode: 'PKCMN', name: 'Chaman' },
  gwadar: { locode: 'PKGWD', name: 'Gwadar' },
  taftan: { locode: 'PKTFT', name: 'Taftan' },
  sarakhs: { name: 'Sarakhs' },
  turkmenbashi: { locode: 'TMKRW', name: 'Turkmenbashi' },
  lahore: { locode: 'PKLHE', name: 'Lahore' },
};

type Stop = [mode: TransportMode, from: string, to: string, crossing?: string, extra?: Partial<BookedLeg>];
const route = (...stops: Stop[]): BookedLeg[] =>
  stops.map(([mode, from, to, crossing, extra], index) => ({
    sequence: index + 1,
    mode,
    carrier: 'NLC',
    from: at[from],
    to: at[to],
    ...(crossing ? { crossing } : {}),
    ...extra,
  }));

/** Crossing → its documents (sorted), with the Goods Declaration's procedure and the TIR stage spelled in. */
function table(cargo: Cargo, legs: BookedLeg[]): Record<string, string[]> {
  return Object.fromEntries(
    [...requirementsForRoute(cargo, legs).values()].map(({ crossing, requirements }) => [
      crossing,
      requirements
        .map((r) => (r.procedure ? `${r.document}:${r.procedure}` : r.tir ? `${r.document}:${r.tir}` : r.document))
        .filter((d) => d !== 'commercial_invoice' && d !== 'packing_list')
        .sort(),
    ]),
  );
}

describe('document rules by mode and direction (the corridors as booked today)', () => {
  it('kz-karachi-dubai forward: TIR ends at Karachi, transit GD at Torkham and Karachi, B/L at the port', () => {
    const legs = route(
      ['ROAD', 'almaty', 'gishtkuprik'],
      ['ROAD', 'gishtkuprik', 'hairatan', 'Gishtkuprik–Zhibek Zholy'],
      ['ROAD', 'hairatan', 'torkham', 'Hairatan–Termez'],
      ['ROAD', 'torkham', 'karachi', 'Torkham'],
      ['SEA', 'karachi', 'jebelAli', 'Port of Karachi'],
    );
    expect(table(kinnow, legs)).toEqual({
      'Gishtkuprik–Zhibek Zholy': ['cmr_consignment_note', 'phytosanitary_certificate', 'tir_carnet:border'],
      'Hairatan–Termez': ['cmr_consignment_note', 'tir_carnet:border'],
      Torkham: ['cmr_consignment_note', 'pakistan_goods_declaration:transit', 'tir_carnet:border'],
      'Port of Karachi': [
        'bill_of_lading',
        'cmr_consignment_note',
        'pakistan_goods_declaration:transit',
        'tir_carnet:termination',
      ],
    });
  });

  it('kz-karachi-dubai reverse: B/L at Jebel Ali, TIR from Karachi, origin certificate into Kazakhstan', () => {
    const legs = route(
      ['SEA', 'jebelAli', 'karachi', 'Jebel Ali'],
      ['ROAD', 'karachi', 'torkham', 'Port of Karachi'],
      ['ROAD', 'torkham', 'hairatan', 'Torkham'],
      ['ROAD', 'hairatan', 'gishtkuprik', 'Hairatan–Termez'],
      ['ROAD', 'gishtkuprik', 'almaty', 'Gishtkuprik–Zhibek Zholy'],
    );
    expect(table(kinnow, legs)).toEqual({
      'Jebel Ali': ['bill_of_lading', 'phytosanitary_certificate'],
      'Port of Karachi': [
        'bill_of_lading',
        'cmr_consignment_note',
        'pakistan_goods_declaration:transit',
        'tir_carnet:start',
      ],
      Torkham: ['cmr_consignment_note', 'pakistan_goods_declaration:transit', 'tir_carnet:border'],
      'Hairatan–Termez': ['cmr_consignment_note', 'tir_carnet:border'],
      'Gishtkuprik–Zhibek Zholy': [
        'certificate_of_origin',
        'cmr_consignment_note',
        'phytosanitary_certificate',
        'tir_carnet:border',
      ],
    });
  });

  it('trans-afghan forward: export GD from Karachi to Torkham; phytosanitary out of PK and into KZ', () => {
    const legs = route(
      ['ROAD', 'karachi', 'torkham', 'Port of Karachi'],
      ['ROAD', 'torkham', 'hairatan', 'Torkham'],
      ['ROAD', 'hairatan', 'gishtkuprik', 'Hairatan–Termez'],
      ['ROAD', 'gishtkuprik', 'almaty', 'Gishtkuprik–Zhibek Zholy'],
    );
    expect(table(kinnow, legs)).toEqual({
      'Port of Karachi': ['cmr_consignment_note', 'pakistan_goods_declaration:export', 'tir_carnet:start'],
      Torkham: [
        'cmr_consignment_note',
        'pakistan_goods_declaration:export',
        'phytosanitary_certificate',
        'tir_carnet:border',
      ],
      'Hairatan–Termez': ['cmr_consignment_note', 'tir_carnet:border'],
      'Gishtkuprik–Zhibek Zholy': [
        'certificate_of_origin',
        'cmr_consignment_note',
        'phytosanitary_certificate',
        'tir_carnet:border',
      ],
    });
  });

  it('trans-afghan reverse: an import GD at Torkham though the leg starts in Pakistan (PKTOR)', () => {
    const legs = route(
      ['ROAD', 'almaty', 'gishtkuprik'],
      ['ROAD', 'gishtkuprik', 'hairatan', 'Gishtkuprik–Zhibek Zholy'],
      ['ROAD', 'hairatan', 'torkham', 'Hairatan–Termez'],
      ['ROAD', 'torkham', 'karachi', 'Torkham'],
    );
    expect(table(flour, legs)).toEqual({
      'Gishtkuprik–Zhibek Zholy': ['cmr_consignment_note', 'tir_carnet:border'],
      'Hairatan–Termez': ['cmr_consignment_note', 'tir_carnet:border'],
      Torkham: ['cmr_consignment_note', 'pakistan_goods_declaration:import', 'tir_carnet:border'],
    });
  });

  it('karakoram-highway both ways: TIR through China, export GD at Khunjerab, import GD there on the way back', () => {
    const forward = route(
      ['ROAD', 'islamabad', 'sost'],
      ['ROAD', 'sost', 'kashgar', 'Khunjerab–Tashkurgan'],
      ['ROAD', 'kashgar', 'bishkek', 'Torugart'],
      ['ROAD', 'bishkek', 'almaty', 'Ak-Zhol–Korday'],
    );
    expect(table(kinnow, forward)).toEqual({
      'Khunjerab–Tashkurgan': [
        'cmr_consignment_note',
        'pakistan_goods_declaration:export',
        'phytosanitary_certificate',
        'tir_carnet:border',
      ],
      Torugart: ['cmr_consignment_note', 'tir_carnet:border'],
      'Ak-Zhol–Korday': [
        'certificate_of_origin',
        'cmr_consignment_note',
        'phytosanitary_certificate',
        'tir_carnet:border',
      ],
    });
    const reverse = route(
      ['ROAD', 'almaty', 'bishkek'],
      ['ROAD', 'bishkek', 'kashgar', 'Ak-Zhol–Korday'],
      ['ROAD', 'kashgar', 'sost', 'Torugart'],
      ['ROAD', 'sost', 'islamabad', 'Khunjerab–Tashkurgan'],
    );
    expect(table(flour, reverse)).toEqual({
      'Ak-Zhol–Korday': ['cmr_consignment_note', 'tir_carnet:border'],
      Torugart: ['cmr_consignment_note', 'tir_carnet:border'],
      'Khunjerab–Tashkurgan': ['cmr_consignment_note', 'pakistan_goods_declaration:import', 'tir_carnet:border'],
    });
  });

  it('west-kz-balochistan both ways: import GD at Chaman; TIR starts at Gwadar going north', () => {
    const forward = route(
      ['ROAD', 'aktau', 'serhetabat'],
      ['ROAD', 'serhetabat', 'chaman', 'Torghundi–Serhetabat'],
      ['ROAD', 'chaman', 'gwadar', 'Chaman'],
    );
    expect(table(flour, forward)).toEqual({
      'Torghundi–Serhetabat': ['cmr_consignment_note', 'tir_carnet:border'],
      Chaman: ['cmr_consignment_note', 'pakistan_goods_declaration:import', 'tir_carnet:border'],
    });
    const reverse = route(
      ['ROAD', 'gwadar', 'chaman', 'Gwadar'],
      ['ROAD', 'chaman', 'serhetabat', 'Chaman'],
      ['ROAD', 'serhetabat', 'aktau', 'Torghundi–Serhetabat'],
    );
    expect(table(kinnow, reverse)).toEqual({
      Gwadar: ['cmr_consignment_note', 'pakistan_goods_declaration:export', 'tir_carnet:start'],
      Chaman: [
        'cmr_consignment_note',
        'pakistan_goods_declaration:export',
        'phytosanitary_certificate',
        'tir_carnet:border',
      ],
      'Torghundi–Serhetabat': ['cmr_consignment_note', 'tir_carnet:border'],
    });
  });

  it('caspian-iran both ways: SMGS on Iranian rail, B/L on the Caspian, no TIR for a truck staying in PK', () => {
    const forward = route(
      ['ROAD', 'karachi', 'taftan', 'Port of Karachi'],
      ['RAIL', 'taftan', 'sarakhs', 'Taftan–Mirjaveh'],
      ['RAIL', 'sarakhs', 'turkmenbashi', 'Sarakhs'],
      ['SEA', 'turkmenbashi', 'aktau', 'Turkmenbashi'],
    );
    expect(table(kinnow, forward)).toEqual({
      'Port of Karachi': ['cmr_consignment_note', 'pakistan_goods_declaration:export'],
      'Taftan–Mirjaveh': [
        'cmr_consignment_note',
        'pakistan_goods_declaration:export',
        'phytosanitary_certificate',
        'smgs_waybill',
      ],
      Sarakhs: ['smgs_waybill'],
      Turkmenbashi: ['bill_of_lading', 'smgs_waybill'],
    });
    const reverse = route(
      ['SEA', 'aktau', 'turkmenbashi', 'Aktau'],
      ['RAIL', 'turkmenbashi', 'sarakhs', 'Turkmenbashi'],
      ['RAIL', 'sarakhs', 'taftan', 'Sarakhs'],
      ['ROAD', 'taftan', 'karachi', 'Taftan–Mirjaveh'],
    );
    expect(table(flour, reverse)).toEqual({
      Aktau: ['bill_of_lading'],
      Turkmenbashi: ['bill_of_lading', 'smgs_waybill'],
      Sarakhs: ['smgs_waybill'],
      'Taftan–Mirjaveh': ['cmr_consignment_note', 'pakistan_goods_declaration:import', 'smgs_waybill'],
    });
  });

  it('air-lahore-almaty both ways: the air waybill, nothing by road', () => {
    expect(table(kinnow, route(['AIR', 'lahore', 'almaty', 'Lahore airport']))).toEqual({
      'Lahore airport': ['air_waybill', 'pakistan_goods_declaration:export', 'phytosanitary_certificate'],
    });
    expect(table(flour, route(['AIR', 'almaty', 'lahore', 'Almaty airport']))).toEqual({
      'Almaty airport': ['air_waybill'],
    });
  });
});

describe('TIR legs', () => {
  const trip = (flags: (Partial<BookedLeg> | undefined)[]) =>
    route(
      ['ROAD', 'karachi', 'torkham', 'Port of Karachi', flags[0]],
      ['ROAD', 'torkham', 'hairatan', 'Torkham', flags[1]],
      ['ROAD', 'hairatan', 'gishtkuprik', 'Hairatan–Termez', flags[2]],
    );
  const carnets = (legs: BookedLeg[]) =>
    Object.fromEntries(
      [...requirementsForRoute(flour, legs).values()].map(({ crossing, requirements }) => [
        crossing,
        requirements.find((r) => r.document === 'tir_carnet')?.tir ?? null,
      ]),
    );

  it('follows the corridor data’s flags where the booking has them', () => {
    expect(carnets(trip([{ tir: false }, { tir: true }, { tir: true }]))).toEqual({
      'Port of Karachi': null,
      Torkham: 'start',
      'Hairatan–Termez': 'border',
    });
    expect(carnets(trip([{ tir: false }, { tir: false }, { tir: false }]))).toEqual({
      'Port of Karachi': null,
      Torkham: null,
      'Hairatan–Termez': null,
    });
  });

  it('takes a leg with a carnet reference as TIR, and a road run crossing a border when nothing says', () => {
    expect(carnets(trip([{ tir: false }, { tir: false, tirReference: 'PK-TIR-0001' }, { tir: false }]))).toEqual({
      'Port of Karachi': null,
      Torkham: 'start',
      'Hairatan–Termez': 'termination',
    });
    expect(carnets(trip([]))).toEqual({ 'Port of Karachi': 'start', Torkham: 'border', 'Hairatan–Termez': 'border' });
  });

  it('never asks a carnet of a rail, sea or air leg, flagged or not', () => {
    const legs = route(
      ['RAIL', 'taftan', 'sarakhs', 'Taftan–Mirjaveh', { tir: true }],
      ['SEA', 'turkmenbashi', 'aktau', 'Turkmenbashi'],
    );
    expect(carnets(legs)).toEqual({ 'Taftan–Mirjaveh': null, Turkmenbashi: null });
  });
});

describe('every corridor in both directions, as the reference data plans it', () => {
  const transport: Record<TransportMode, string> = {
    ROAD: 'cmr_consignment_note',
    RAIL: 'smgs_waybill',
    SEA: 'bill_of_lading',
    AIR: 'air_waybill',
  };
  const cases = listCorridors().flatMap((c) => (['forward', 'reverse'] as const).map((d) => [c.id, d] as const));

  it.each(cases)(
    '%s %s: transport documents by the legs meeting there, TIR only on road, GD only in Pakistan',
    (id, direction) => {
      const legs = legsFor(id, direction);
      const checklists = requirementsForRoute(kinnow, legs);
      expect(checklists.size).toBe(legs.filter((l) => l.crossing).length);
      for (const [sequence, { crossing, requirements }] of checklists) {
        const index = legs.findIndex((l) => l.sequence === sequence);
        const meeting = [legs[index - 1], legs[index]].filter(Boolean);
        const documents = requirements.map((r) => r.document);
        const expected = [...new Set(meeting.map((l) => transport[l.mode]))].sort();
        expect({ crossing, transport: documents.filter((d) => Object.values(transport).includes(d)).sort() }).toEqual({
          crossing,
          transport: expected,
        });
        if (documents.includes('tir_carnet')) expect(meeting.some((l) => l.mode === 'ROAD')).toBe(true);
        const gd = requirements.find((r) => r.document === 'pakistan_goods_declaration');
        const known = findCrossing(crossing);
        if (gd) expect(known?.countries).toContain('PK');
        expect(documents.slice(0, 2)).toEqual(['commercial_invoice', 'packing_list']);
      }
    },
  );
});

describe('the phytosanitary certificate follows the one perishability rule', () => {
  const legs = route(
    ['ROAD', 'torkham', 'hairatan', 'Torkham'],
    ['ROAD', 'hairatan', 'gishtkuprik', 'Hairatan–Termez'],
  );
  const phyto = (cargo: Cargo) =>
    Object.values(table(cargo, legs)).some((docs) => docs.includes('phytosanitary_certificate'));

  it('asks it of fresh produce the catalogue knows, by name or HS heading', () => {
    expect(phyto(kinnow)).toBe(true);
    expect(phyto({ commodity: 'oranges', hsCode: '0805.10', packages: 1, weightKg: 1 })).toBe(true);
  });

  it('not of dry goods, nor of a perishable that is not a plant product (frozen fish carried in a reefer)', () => {
    expect(phyto(flour)).toBe(false);
    const fish: Cargo = {
      commodity: 'frozen fish',
      hsCode: '0303.89',
      packages: 1,
      weightKg: 1,
      perishable: { minCelsius: -20, maxCelsius: -18, shelfLifeDays: 90 },
    };
    expect(phyto(fish)).toBe(false);
  });
});
