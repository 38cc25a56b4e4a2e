import type { TransportMode } from '@lib/contracts';
import type { Span } from './schedule';
import { places as p, type PlaceData } from './places.data';

/**
 * The seed corridors (DOMAIN.md) as data. Legs are split at border crossings and ports; each leg
 * names the customs point at its start, which clears the cargo before it departs. Carriers are the
 * usual operators (NLC, TCS, KTZE = KTZ Express, SCAT, PIL = the Karachi–Jebel Ali sea line,
 * RAI = Iranian railways).
 *
 * Travel times (typical = median, p90 = nine in ten arrive within), from these figures:
 * - Trucks: assumed 450 km a day for a TIR truck on Pakistani, Uzbek, Kazakh, Turkmen and Chinese
 *   highways (two drivers would do more; one driver ~9–10 h at 45–50 km/h). It agrees with NLC's
 *   Taftan → Baku run, 3,680 km in 8 days (DOMAIN.md): 460 km a day including its borders.
 *   Assumed 300 km a day on Afghan roads and on the Karakoram Highway (mountain roads, convoys,
 *   checkpoints). p90 assumed about 1.5 × typical on highways, 1.6 × on mountain roads.
 * - Distances: road distances as route planners give them, rounded (the `km` of each leg); NLC
 *   gives Karachi → Almaty 3,800 km and Karachi → Tashkent 3,000 km (DOMAIN.md).
 * - Rail: Iranian rail Sarakhs → Bandar Abbas 3–5 days (DOMAIN.md), taken as typical 4, p90 5 days
 *   for the similar Mirjaveh → Sarakhs haul.
 * - Sea: Karachi → Jebel Ali about 3–4 days at sea plus port time (DOMAIN.md); the port time is the
 *   dwell at the port of loading (`<country>/SEA` below).
 * - Air: SCAT Lahore → Almaty, 2 h 10 min (DOMAIN.md).
 * Checks on the totals: the KTZ Express pilot Almaty → Karachi → Jebel Ali took 20–25 days end to
 * end in 2024 (DOMAIN.md); TCS ran Karachi → Kabul → Termez → Tashkent in 5 days in 2021, a record
 * run (no queues), not a typical one.
 */
interface CorridorLegData {
  mode: TransportMode;
  carrier: string;
  from: PlaceData;
  to: PlaceData;
  /** Where carriers report on the way (in the forward direction), without a customs point of their own. */
  via?: PlaceData[];
  /** Distance, km (road or rail; sea and air legs have none here). */
  km?: number;
  /** Travel time out of season (seasons.data.ts slows some legs down). */
  travel: Span;
  /** The customs point (border, port, airport) that clears cargo at `from` before this leg departs. */
  crossing?: string;
  /** A road leg that runs under a TIR carnet (the TIR operation runs over consecutive TIR legs). */
  tir?: boolean;
  /** Other carriers known to run this leg, besides the one booked by default. */
  alsoRunBy?: string[];
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
  /**
   * Time from arrival at the crossing to departure, by the country the cargo leaves (the one it came
   * from; at its origin, the origin's): `<country>`, or `<country>/<MODE>` for the mode of the leg
   * departing, the most specific winning. Export and import at one border differ.
   */
  dwell: Record<string, Span>;
}

const span = (typicalHours: number, p90Hours: number): Span => ({ typicalHours, p90Hours });

/*
 * Dwell figures. Sources for Torkham, the busiest: an average of 15 vehicles an hour examined for
 * entry into Pakistan, 200 a day over 14 opening hours, thousands queued on the Afghan side
 * (Dawn via ANI, 2017); scanner, customs examination and security checks "at least three hours per
 * vehicle" and queues back to Jamrud (2024 reporting on the new terminal); the border open 7 am –
 * 8 pm (The News). So: inbound to Pakistan typically two days, p90 five; outbound one day, p90 three.
 * Hairatan: about 100 trucks a day over the Friendship Bridge (WFP Logistics Capacity Assessment),
 * with transloading between Uzbek and Afghan trucks: one day, p90 three. The others are assumed,
 * scaled on these: EAEU-internal borders (Kyrgyzstan–Kazakhstan) hours; Kazakhstan's border with
 * Uzbekistan half a day (EAEU phytosanitary control on fruit); other Central Asian and Afghan
 * borders a day, p90 three; rail gauge change at Sarakhs (1,435 → 1,520 mm) a day; ports: export
 * clearance a day when the cargo goes on by road, four days when it waits for a vessel's cut-off
 * and sailing (weekly feeder services), discharge and transit clearance four days.
 */
export const crossings: CrossingData[] = [
  {
    id: 'torkham',
    name: 'Torkham',
    kind: 'border',
    place: 'Torkham',
    countries: ['PK', 'AF'],
    dwell: { PK: span(24, 72), AF: span(48, 120) },
  },
  {
    id: 'chaman',
    name: 'Chaman',
    kind: 'border',
    place: 'Chaman',
    countries: ['PK', 'AF'],
    dwell: { PK: span(24, 72), AF: span(48, 120) },
  },
  {
    id: 'taftan-mirjaveh',
    name: 'Taftan–Mirjaveh',
    kind: 'border',
    place: 'Taftan',
    countries: ['PK', 'IR'],
    // Includes transloading from truck to Iranian rail (assumed).
    dwell: { PK: span(36, 96), IR: span(36, 96) },
  },
  {
    id: 'hairatan-termez',
    name: 'Hairatan–Termez',
    kind: 'border',
    place: 'Hairatan',
    countries: ['AF', 'UZ'],
    dwell: { AF: span(24, 72), UZ: span(24, 72) },
  },
  {
    id: 'gishtkuprik-zhibek-zholy',
    name: 'Gishtkuprik–Zhibek Zholy',
    kind: 'border',
    place: 'Gishtkuprik',
    countries: ['UZ', 'KZ'],
    dwell: { UZ: span(12, 36), KZ: span(8, 24) },
  },
  {
    id: 'khunjerab-tashkurgan',
    name: 'Khunjerab–Tashkurgan',
    kind: 'border',
    place: 'Sost dry port',
    countries: ['PK', 'CN'],
    dwell: { PK: span(24, 72), CN: span(36, 96) },
  },
  {
    id: 'torugart',
    name: 'Torugart',
    kind: 'border',
    place: 'Kashgar',
    countries: ['CN', 'KG'],
    // Torugart works weekdays only (assumed from travellers' reports): a weekend adds two days at p90.
    dwell: { CN: span(24, 72), KG: span(24, 72) },
  },
  {
    id: 'ak-zhol-korday',
    name: 'Ak-Zhol–Korday',
    kind: 'border',
    place: 'Bishkek',
    countries: ['KG', 'KZ'],
    dwell: { KG: span(6, 24), KZ: span(4, 12) },
  },
  {
    id: 'temirbaba-garabogaz',
    name: 'Temirbaba–Garabogaz',
    kind: 'border',
    place: 'Temirbaba',
    countries: ['KZ', 'TM'],
    // The Caspian coast road's Kazakhstan–Turkmenistan crossing; Turkmen transit escort assumed.
    dwell: { KZ: span(12, 36), TM: span(12, 36) },
  },
  {
    id: 'torghundi-serhetabat',
    name: 'Torghundi–Serhetabat',
    kind: 'border',
    place: 'Serhetabat',
    countries: ['TM', 'AF'],
    dwell: { TM: span(24, 72), AF: span(24, 72) },
  },
  {
    id: 'sarakhs',
    name: 'Sarakhs',
    kind: 'border',
    place: 'Sarakhs',
    countries: ['IR', 'TM'],
    dwell: { IR: span(24, 72), TM: span(24, 72) },
  },
  {
    id: 'port-karachi',
    name: 'Port of Karachi',
    kind: 'port',
    place: 'Karachi',
    countries: ['PK', 'AE'],
    dwell: { PK: span(24, 72), 'PK/SEA': span(96, 168), AE: span(96, 192) },
  },
  {
    id: 'port-jebel-ali',
    name: 'Jebel Ali',
    kind: 'port',
    place: 'Jebel Ali',
    countries: ['AE', 'PK'],
    dwell: { AE: span(72, 144), PK: span(72, 144) },
  },
  {
    id: 'port-turkmenbashi',
    name: 'Turkmenbashi',
    kind: 'port',
    place: 'Turkmenbashi',
    countries: ['TM', 'KZ'],
    // Caspian ferries sail when full and when the weather allows (assumed: two days, p90 six).
    dwell: { TM: span(48, 144), KZ: span(24, 72) },
  },
  {
    id: 'port-aktau',
    name: 'Aktau',
    kind: 'port',
    place: 'Aktau',
    countries: ['KZ', 'TM'],
    dwell: { KZ: span(48, 144), TM: span(24, 72) },
  },
  {
    id: 'port-gwadar',
    name: 'Gwadar',
    kind: 'port',
    place: 'Gwadar',
    countries: ['PK', 'AF'],
    dwell: { PK: span(24, 72), AF: span(24, 72) },
  },
  {
    id: 'airport-lahore',
    name: 'Lahore airport',
    kind: 'airport',
    place: 'Lahore',
    countries: ['PK', 'KZ'],
    // Air cargo acceptance and export clearance before the flight (assumed: six hours, p90 18).
    dwell: { PK: span(6, 18), KZ: span(6, 18) },
  },
  {
    id: 'airport-almaty',
    name: 'Almaty airport',
    kind: 'airport',
    place: 'Almaty',
    countries: ['KZ', 'PK'],
    dwell: { KZ: span(6, 18), PK: span(6, 18) },
  },
];

export const corridors: CorridorData[] = [
  {
    id: 'kz-karachi-dubai',
    name: 'Kazakhstan → Karachi → Dubai (KTZ Express pilot, road and sea)',
    ends: ['KZ', 'AE'],
    legs: [
      // 800 km at 450 km/day.
      {
        mode: 'ROAD',
        carrier: 'KTZE',
        from: p.almaty,
        to: p.gishtkuprik,
        via: [p.shymkent],
        km: 800,
        travel: span(43, 64),
        tir: true,
      },
      // 720 km (Tashkent – Termez 700) at 450 km/day.
      {
        mode: 'ROAD',
        carrier: 'KTZE',
        from: p.gishtkuprik,
        to: p.hairatan,
        via: [p.tashkent, p.termez],
        km: 720,
        travel: span(40, 60),
        crossing: 'Gishtkuprik–Zhibek Zholy',
        tir: true,
      },
      // 725 km (Hairatan – Mazar 76, Mazar – Kabul over the Salang ~425, Kabul – Torkham ~225) at 300 km/day.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.hairatan,
        to: p.torkham,
        via: [p.mazarISharif, p.kabul],
        km: 725,
        travel: span(60, 96),
        crossing: 'Hairatan–Termez',
        tir: true,
      },
      // 1,750 km (Torkham – Peshawar 55, Peshawar – Karachi ~1,700) at 450 km/day.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.torkham,
        to: p.karachi,
        via: [p.peshawar],
        km: 1750,
        travel: span(93, 140),
        crossing: 'Torkham',
        tir: true,
      },
      // 3–4 days at sea (DOMAIN.md); the port time is the Port of Karachi's `PK/SEA` dwell.
      {
        mode: 'SEA',
        carrier: 'PIL',
        from: p.karachi,
        to: p.jebelAli,
        travel: span(84, 120),
        crossing: 'Port of Karachi',
      },
    ],
    destinationCrossing: 'Jebel Ali',
  },
  {
    id: 'trans-afghan',
    name: 'Trans-Afghan (NLC, TIR): Karachi → Torkham → Kabul → Termez → Tashkent → Almaty',
    ends: ['PK', 'KZ'],
    // NLC runs the trucks (DOMAIN.md); TCS runs the same road for fruit exports to Kazakhstan (the
    // seed) and ran Karachi → Kabul → Termez → Tashkent in 2021.
    legs: [
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.karachi,
        to: p.torkham,
        via: [p.peshawar],
        km: 1750,
        travel: span(93, 140),
        crossing: 'Port of Karachi',
        tir: true,
        alsoRunBy: ['TCS'],
      },
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.torkham,
        to: p.hairatan,
        via: [p.kabul, p.mazarISharif],
        km: 725,
        travel: span(60, 96),
        crossing: 'Torkham',
        tir: true,
        alsoRunBy: ['TCS'],
      },
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.hairatan,
        to: p.gishtkuprik,
        via: [p.termez, p.tashkent],
        km: 720,
        travel: span(40, 60),
        crossing: 'Hairatan–Termez',
        tir: true,
        alsoRunBy: ['TCS'],
      },
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.gishtkuprik,
        to: p.almaty,
        via: [p.shymkent],
        km: 800,
        travel: span(43, 64),
        crossing: 'Gishtkuprik–Zhibek Zholy',
        tir: true,
      },
    ],
  },
  {
    id: 'karakoram-highway',
    name:
      'Karakoram Highway (NLC, TIR through China): Islamabad → Sost → Khunjerab → Kashgar → Torugart → Bishkek → ' +
      'Almaty',
    ends: ['PK', 'KZ'],
    // NLC's first TIR transit of China: Lahore → Almaty, November 2023 (DOMAIN.md).
    legs: [
      // 800 km of the KKH (Islamabad – Gilgit ~600, Gilgit – Sost ~200) at 300 km/day; landslides make the tail.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.islamabad,
        to: p.sost,
        via: [p.gilgit],
        km: 800,
        travel: span(64, 104),
        tir: true,
      },
      // 500 km over the pass (Sost – Khunjerab 85, Khunjerab – Tashkurgan 130, Tashkurgan – Kashgar 290) at 300 km/day.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.sost,
        to: p.kashgar,
        via: [p.tashkurgan],
        km: 500,
        travel: span(40, 64),
        crossing: 'Khunjerab–Tashkurgan',
        tir: true,
      },
      // 700 km (Kashgar – Torugart 160, Torugart – Naryn – Bishkek ~540) at 450 km/day, mountain passes.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.kashgar,
        to: p.bishkek,
        via: [p.naryn],
        km: 700,
        travel: span(40, 64),
        crossing: 'Torugart',
        tir: true,
      },
      // 240 km.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.bishkek,
        to: p.almaty,
        km: 240,
        travel: span(6, 10),
        crossing: 'Ak-Zhol–Korday',
        tir: true,
      },
    ],
  },
  {
    id: 'west-kz-balochistan',
    name:
      'Western Kazakhstan via Turkmenistan and Afghanistan to Balochistan: ' +
      'Aktau → Temirbaba → Turkmenbashi → Serhetabat → Herat → Kandahar → Chaman → Quetta → Gwadar',
    ends: ['KZ', 'PK'],
    legs: [
      // 280 km down the Caspian coast road (Aktau – Zhanaozen – Temirbaba).
      { mode: 'ROAD', carrier: 'NLC', from: p.aktau, to: p.temirbaba, km: 280, travel: span(10, 16), tir: true },
      // 1,450 km (Garabogaz – Turkmenbashi ~250, – Ashgabat ~550, – Mary – Serhetabat ~650) at 450 km/day.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.temirbaba,
        to: p.serhetabat,
        via: [p.garabogaz, p.turkmenbashi, p.ashgabat],
        km: 1450,
        travel: span(78, 117),
        crossing: 'Temirbaba–Garabogaz',
        tir: true,
      },
      // 780 km (Torghundi – Herat 120, Herat – Kandahar 560, Kandahar – Spin Boldak 100) at 300 km/day.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.serhetabat,
        to: p.chaman,
        via: [p.herat, p.kandahar],
        km: 780,
        travel: span(62, 100),
        crossing: 'Torghundi–Serhetabat',
        tir: true,
      },
      // 1,050 km (Chaman – Quetta 120, Quetta – Khuzdar – Gwadar ~930) at 450 km/day, escorted in Balochistan.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.chaman,
        to: p.gwadar,
        via: [p.quetta],
        km: 1050,
        travel: span(56, 96),
        crossing: 'Chaman',
        tir: true,
      },
    ],
    destinationCrossing: 'Gwadar',
  },
  {
    id: 'caspian-iran',
    name: 'Caspian Sea and Iran: Karachi → Taftan → Mashhad → Sarakhs → Turkmenbashi → Aktau',
    ends: ['PK', 'KZ'],
    legs: [
      // 1,300 km (Karachi – Quetta ~690, Quetta – Taftan ~610) at 450 km/day.
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: p.karachi,
        to: p.taftan,
        via: [p.quetta],
        km: 1300,
        travel: span(70, 105),
        crossing: 'Port of Karachi',
        tir: true,
      },
      // Iranian rail, 3–5 days (DOMAIN.md, Sarakhs – Bandar Abbas).
      {
        mode: 'RAIL',
        carrier: 'RAI',
        from: p.taftan,
        to: p.sarakhs,
        via: [p.mashhad],
        travel: span(96, 120),
        crossing: 'Taftan–Mirjaveh',
      },
      // ~1,000 km of Turkmen rail (Sarakhs – Tejen – Ashgabat – Turkmenbashi), assumed two days, p90 three.
      {
        mode: 'RAIL',
        carrier: 'RAI',
        from: p.sarakhs,
        to: p.turkmenbashi,
        via: [p.ashgabat],
        km: 1000,
        travel: span(48, 72),
        crossing: 'Sarakhs',
      },
      // The Caspian ferry, ~260 nautical miles: about a day at sea (assumed), the wait is the port's dwell.
      {
        mode: 'SEA',
        carrier: 'KTZE',
        from: p.turkmenbashi,
        to: p.aktau,
        travel: span(24, 48),
        crossing: 'Turkmenbashi',
      },
    ],
    destinationCrossing: 'Aktau',
  },
  {
    id: 'air-lahore-almaty',
    name: 'Lahore ⇄ Almaty by air (SCAT)',
    ends: ['PK', 'KZ'],
    // SCAT's flight: 2 h 10 min (DOMAIN.md); p90 assumed 4 h (delays, a diversion).
    legs: [
      {
        mode: 'AIR',
        carrier: 'SCAT',
        from: p.lahore,
        to: p.almaty,
        travel: span(13 / 6, 4),
        crossing: 'Lahore airport',
      },
    ],
    destinationCrossing: 'Almaty airport',
  },
];
