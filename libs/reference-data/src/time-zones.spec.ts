import { places } from './places.data';
import { timeZoneOf, timeZoneOfCountry } from './time-zones';

describe('timeZoneOf', () => {
  it.each([
    [places.karachi, 'Asia/Karachi'],
    [places.almaty, 'Asia/Almaty'],
    [places.kabul, 'Asia/Kabul'],
    [places.tashkent, 'Asia/Tashkent'],
    [places.temirbaba, 'Asia/Almaty'],
    [places.kashgar, 'Asia/Shanghai'],
  ])('%o keeps %s', (place, zone) => expect(timeZoneOf(place)).toBe(zone));

  it('is UTC for a place it cannot locate', () => {
    expect(timeZoneOf({ name: 'Somewhere unmapped' })).toBe('UTC');
    expect(timeZoneOf(undefined)).toBe('UTC');
    expect(timeZoneOfCountry('FR')).toBe('UTC');
  });

  it('gives every place on the corridors a zone of its own', () => {
    const unlocated = Object.values(places).filter((place) => timeZoneOf(place) === 'UTC');
    expect(unlocated).toEqual([]);
  });

  it('keeps Almaty at UTC+5 since March 2024, as the tz database the runtime carries says', () => {
    const offset = (iso: string) =>
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Almaty', timeZoneName: 'shortOffset' })
        .formatToParts(new Date(iso))
        .find((p) => p.type === 'timeZoneName')?.value;
    expect(offset('2024-01-15T12:00:00Z')).toBe('GMT+6');
    expect(offset('2026-01-15T12:00:00Z')).toBe('GMT+5');
  });
});
