import type { TransportMode } from '@lib/contracts';

/**
 * The seed corridors (DOMAIN.md) as data. Legs are split at border crossings and ports; each leg
 * names the customs point at its start, which clears the cargo before it departs.
 * Durations are typical hours; carriers are the usual operators (NLC, TCS, KTZE = KTZ Express,
 * SCAT, PIL = the Karachi–Jebel Ali sea line, RAI = Iranian railways).
 */
interface CorridorLegData {
  mode: TransportMode;
  carrier: string;
  from: { locode?: string; name: string };
  to: { locode?: string; name: string };
  hours: number;
  /** The customs point (border, port, airport) that clears cargo at `from` before this leg departs. */
  crossing?: string;
}

export interface CorridorData {
  id: string;
  name: string;
  /** Country codes of the two ends, forward direction. */
  ends: [string, string];
  legs: CorridorLegData[];
  /** The customs point at the far end: where the first leg of the reverse direction is cleared. */
  destinationCrossing?: string;
}

export interface CrossingData {
  id: string;
  name: string;
  kind: 'border' | 'port' | 'airport';
  /** The place a leg starting here departs from (same name as that leg's `from`). */
  place: string;
  countries: [string, string];
}

export const crossings: CrossingData[] = [
  { id: 'torkham', name: 'Torkham', kind: 'border', place: 'Torkham', countries: ['PK', 'AF'] },
  { id: 'chaman', name: 'Chaman', kind: 'border', place: 'Chaman', countries: ['PK', 'AF'] },
  { id: 'taftan-mirjaveh', name: 'Taftan–Mirjaveh', kind: 'border', place: 'Taftan', countries: ['PK', 'IR'] },
  { id: 'hairatan-termez', name: 'Hairatan–Termez', kind: 'border', place: 'Hairatan', countries: ['AF', 'UZ'] },
  {
    id: 'gishtkuprik-zhibek-zholy',
    name: 'Gishtkuprik–Zhibek Zholy',
    kind: 'border',
    place: 'Gishtkuprik',
    countries: ['UZ', 'KZ'],
  },
  {
    id: 'khunjerab-tashkurgan',
    name: 'Khunjerab–Tashkurgan',
    kind: 'border',
    place: 'Sost dry port',
    countries: ['PK', 'CN'],
  },
  { id: 'torugart', name: 'Torugart', kind: 'border', place: 'Kashgar', countries: ['CN', 'KG'] },
  { id: 'ak-zhol-korday', name: 'Ak-Zhol–Korday', kind: 'border', place: 'Bishkek', countries: ['KG', 'KZ'] },
  {
    id: 'torghundi-serhetabat',
    name: 'Torghundi–Serhetabat',
    kind: 'border',
    place: 'Serhetabat',
    countries: ['TM', 'AF'],
  },
  { id: 'sarakhs', name: 'Sarakhs', kind: 'border', place: 'Sarakhs', countries: ['IR', 'TM'] },
  { id: 'port-karachi', name: 'Port of Karachi', kind: 'port', place: 'Karachi', countries: ['PK', 'AE'] },
  { id: 'port-jebel-ali', name: 'Jebel Ali', kind: 'port', place: 'Jebel Ali', countries: ['AE', 'PK'] },
  { id: 'port-turkmenbashi', name: 'Turkmenbashi', kind: 'port', place: 'Turkmenbashi', countries: ['TM', 'KZ'] },
  { id: 'port-aktau', name: 'Aktau', kind: 'port', place: 'Aktau', countries: ['KZ', 'TM'] },
  { id: 'port-gwadar', name: 'Gwadar', kind: 'port', place: 'Gwadar', countries: ['PK', 'AF'] },
  { id: 'airport-lahore', name: 'Lahore airport', kind: 'airport', place: 'Lahore', countries: ['PK', 'KZ'] },
  { id: 'airport-almaty', name: 'Almaty airport', kind: 'airport', place: 'Almaty', countries: ['KZ', 'PK'] },
];

const p = {
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

export const corridors: CorridorData[] = [
  {
    id: 'kz-karachi-dubai',
    name: 'Kazakhstan → Karachi → Dubai (KTZ Express pilot, road and sea)',
    ends: ['KZ', 'AE'],
    legs: [
      { mode: 'ROAD', carrier: 'KTZE', from: p.almaty, to: p.gishtkuprik, hours: 14 },
      {
        mode: 'ROAD',
        carrier: 'KTZE',
        from: p.gishtkuprik,
        to: p.hairatan,
        hours: 20,
        crossing: 'Gishtkuprik–Zhibek Zholy',
      },
      { mode: 'ROAD', carrier: 'NLC', from: p.hairatan, to: p.torkham, hours: 30, crossing: 'Hairatan–Termez' },
      { mode: 'ROAD', carrier: 'NLC', from: p.torkham, to: p.karachi, hours: 40, crossing: 'Torkham' },
      { mode: 'SEA', carrier: 'PIL', from: p.karachi, to: p.jebelAli, hours: 72, crossing: 'Port of Karachi' },
    ],
    destinationCrossing: 'Jebel Ali',
  },
  {
    id: 'trans-afghan',
    name: 'Trans-Afghan (NLC, TIR): Karachi → Torkham → Kabul → Termez → Tashkent → Almaty',
    ends: ['PK', 'KZ'],
    legs: [
      { mode: 'ROAD', carrier: 'NLC', from: p.karachi, to: p.torkham, hours: 40, crossing: 'Port of Karachi' },
      { mode: 'ROAD', carrier: 'NLC', from: p.torkham, to: p.hairatan, hours: 30, crossing: 'Torkham' },
      { mode: 'ROAD', carrier: 'NLC', from: p.hairatan, to: p.gishtkuprik, hours: 14, crossing: 'Hairatan–Termez' },
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.gishtkuprik,
        to: p.almaty,
        hours: 16,
        crossing: 'Gishtkuprik–Zhibek Zholy',
      },
    ],
  },
  {
    id: 'karakoram-highway',
    name:
      'Karakoram Highway (NLC, TIR through China): Islamabad → Sost → Khunjerab → Kashgar → Torugart → Bishkek → ' +
      'Almaty',
    ends: ['PK', 'KZ'],
    legs: [
      { mode: 'ROAD', carrier: 'NLC', from: p.islamabad, to: p.sost, hours: 30 },
      { mode: 'ROAD', carrier: 'NLC', from: p.sost, to: p.kashgar, hours: 20, crossing: 'Khunjerab–Tashkurgan' },
      { mode: 'ROAD', carrier: 'NLC', from: p.kashgar, to: p.bishkek, hours: 16, crossing: 'Torugart' },
      { mode: 'ROAD', carrier: 'NLC', from: p.bishkek, to: p.almaty, hours: 6, crossing: 'Ak-Zhol–Korday' },
    ],
  },
  {
    id: 'west-kz-balochistan',
    name:
      'Western Kazakhstan via Turkmenistan and Afghanistan to Balochistan: ' +
      'Aktau → Serhetabat → Herat → Kandahar → Chaman → Gwadar',
    ends: ['KZ', 'PK'],
    legs: [
      { mode: 'ROAD', carrier: 'NLC', from: p.aktau, to: p.serhetabat, hours: 48 },
      { mode: 'ROAD', carrier: 'NLC', from: p.serhetabat, to: p.chaman, hours: 36, crossing: 'Torghundi–Serhetabat' },
      { mode: 'ROAD', carrier: 'NLC', from: p.chaman, to: p.gwadar, hours: 30, crossing: 'Chaman' },
    ],
    destinationCrossing: 'Gwadar',
  },
  {
    id: 'caspian-iran',
    name: 'Caspian Sea and Iran: Karachi → Taftan → Mashhad → Sarakhs → Turkmenbashi → Aktau',
    ends: ['PK', 'KZ'],
    legs: [
      { mode: 'ROAD', carrier: 'NLC', from: p.karachi, to: p.taftan, hours: 30, crossing: 'Port of Karachi' },
      { mode: 'RAIL', carrier: 'RAI', from: p.taftan, to: p.sarakhs, hours: 48, crossing: 'Taftan–Mirjaveh' },
      { mode: 'RAIL', carrier: 'RAI', from: p.sarakhs, to: p.turkmenbashi, hours: 30, crossing: 'Sarakhs' },
      { mode: 'SEA', carrier: 'KTZE', from: p.turkmenbashi, to: p.aktau, hours: 24, crossing: 'Turkmenbashi' },
    ],
    destinationCrossing: 'Aktau',
  },
  {
    id: 'air-lahore-almaty',
    name: 'Lahore ⇄ Almaty by air (SCAT)',
    ends: ['PK', 'KZ'],
    legs: [{ mode: 'AIR', carrier: 'SCAT', from: p.lahore, to: p.almaty, hours: 2.5, crossing: 'Lahore airport' }],
    destinationCrossing: 'Almaty airport',
  },
];

/**
 * Seasonal closures, recurring every year ("MM-DD", the end exclusive; a range may wrap the new
 * year). Ad-hoc openings and extra closures are overrides, passed in by configuration.
 */
export const seasonalClosures = [
  { crossing: 'khunjerab-tashkurgan', from: '12-01', until: '04-01', reason: 'Khunjerab Pass closed for winter' },
];
