import { findCorridor, listCorridors } from '@lib/reference-data';
import { corridorBoard, type BoardRow } from './corridor-board';

const AT = new Date('2026-06-03T09:00:00Z');
const row = (
  state: BoardRow['state'],
  from: string | null,
  to: string | null,
  count: number,
  next: string | null = null,
  corridor = 'kz-karachi-dubai',
): BoardRow => ({
  corridor,
  state,
  from,
  to,
  next,
  count,
});
const entryOf = (rows: BoardRow[], id = 'kz-karachi-dubai') =>
  corridorBoard(listCorridors(), rows, AT).corridors.find((c) => c.id === id)!;
const placeOf = (rows: BoardRow[], name: string, id?: string) => entryOf(rows, id).places.find((p) => p.name === name)!;
const segmentOf = (rows: BoardRow[], from: string, id?: string) =>
  entryOf(rows, id).segments.find((s) => s.from === from)!;

describe('corridorBoard', () => {
  it('lists every corridor given, in order, stamped with the time', () => {
    const board = corridorBoard(listCorridors(), [], AT);
    expect(board.at).toBe('2026-06-03T09:00:00.000Z');
    expect(board.corridors.map((c) => c.id)).toEqual(listCorridors().map((c) => c.id));
  });

  it('draws places in forward order with the crossing that clears cargo leaving each, and a segment per leg', () => {
    const entry = entryOf([]);
    const corridor = findCorridor('kz-karachi-dubai')!;
    expect(entry.name).toBe(corridor.name);
    expect(entry.places.map((p) => [p.name, p.crossing])).toEqual([
      ['Almaty', null],
      ['Gishtkuprik', 'gishtkuprik-zhibek-zholy'],
      ['Hairatan', 'hairatan-termez'],
      ['Torkham', 'torkham'],
      ['Karachi', 'port-karachi'],
      // The reverse direction starts here, cleared at Jebel Ali.
      ['Jebel Ali', 'port-jebel-ali'],
    ]);
    expect(entry.segments.map((s) => [s.from, s.to, s.mode, s.carrier])).toEqual(
      corridor.legs.map((l) => [l.from.name, l.to.name, l.mode, l.carrier]),
    );
    expect([
      ...entry.places.map((p) => p.waiting + p.booked),
      ...entry.segments.map((s) => s.forward + s.reverse),
      entry.delivered24h,
      entry.elsewhere,
    ]).toEqual(Array(entry.places.length + entry.segments.length + 2).fill(0));
  });

  it('counts a booked shipment at its first place, forward or reverse', () => {
    const rows = [row('BOOKED', 'Almaty', 'Gishtkuprik', 2), row('BOOKED', 'Jebel Ali', 'Karachi', 1)];
    expect(placeOf(rows, 'Almaty')).toMatchObject({ booked: 2, waiting: 0 });
    expect(placeOf(rows, 'Jebel Ali')).toMatchObject({ booked: 1, waiting: 0 });
  });

  it('puts a departed shipment on its segment, by its direction of travel', () => {
    const rows = [
      row('DEPARTED', 'Almaty', 'Gishtkuprik', 3),
      row('DEPARTED', 'Gishtkuprik', 'Almaty', 1),
      row('DEPARTED', 'Karachi', 'Jebel Ali', 5),
    ];
    expect(segmentOf(rows, 'Almaty')).toMatchObject({ forward: 3, reverse: 1 });
    expect(segmentOf(rows, 'Karachi')).toMatchObject({ forward: 5, reverse: 0 });
    expect(entryOf(rows).places.every((p) => p.waiting === 0 && p.booked === 0)).toBe(true);
  });

  it('has an arrived shipment wait where its next leg starts, or at the end after the last leg', () => {
    const rows = [
      row('ARRIVED', 'Almaty', 'Gishtkuprik', 2, 'Gishtkuprik'),
      row('ARRIVED', 'Karachi', 'Jebel Ali', 1, null),
      row('ARRIVED', 'Torkham', 'Hairatan', 4, 'Hairatan'),
    ];
    expect(placeOf(rows, 'Gishtkuprik').waiting).toBe(2);
    expect(placeOf(rows, 'Jebel Ali').waiting).toBe(1);
    expect(placeOf(rows, 'Hairatan').waiting).toBe(4);
  });

  it('has a shipment reported on a leg without departing (border arrival before clearance) wait at its start', () => {
    const rows = [row('PLANNED', 'Gishtkuprik', 'Hairatan', 1, 'Hairatan')];
    expect(placeOf(rows, 'Gishtkuprik')).toMatchObject({ crossing: 'gishtkuprik-zhibek-zholy', waiting: 1, booked: 0 });
    expect(segmentOf(rows, 'Gishtkuprik')).toMatchObject({ forward: 0, reverse: 0 });
  });

  it('adds deliveries of the last 24 h', () => {
    expect(entryOf([row('DELIVERED', null, null, 4)]).delivered24h).toBe(4);
  });

  it('counts shipments whose place or leg is off the schematic as elsewhere, and leaves unknown corridors off', () => {
    const rows = [
      row('DEPARTED', 'Kabul', 'Almaty', 2),
      row('BOOKED', 'Lahore', 'Almaty', 1),
      row('BOOKED', 'Almaty', 'Gishtkuprik', 7, null, 'a-shippers-own'),
    ];
    const entry = entryOf(rows);
    expect(entry.elsewhere).toBe(3);
    expect(entry.places.every((p) => p.booked === 0)).toBe(true);
    expect(corridorBoard(listCorridors(), rows, AT).corridors.map((c) => c.id)).not.toContain('a-shippers-own');
  });

  it('keeps corridors apart', () => {
    const rows = [
      row('BOOKED', 'Karachi', 'Torkham', 2, null, 'trans-afghan'),
      row('BOOKED', 'Karachi', 'Jebel Ali', 1),
    ];
    expect(placeOf(rows, 'Karachi', 'trans-afghan').booked).toBe(2);
    expect(placeOf(rows, 'Karachi').booked).toBe(1);
  });
});
