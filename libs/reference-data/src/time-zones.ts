import { countryOf } from './corridors';

/**
 * The time zone people keep in each country on the corridors (IANA names). Kazakhstan has kept one
 * zone, UTC+5, since 1 March 2024: Asia/Almaty follows it in tzdata 2024a and later. China keeps
 * Beijing time officially, Kashgar included (many there keep Xinjiang time, UTC+6; documents and
 * border posts use Beijing's).
 */
const ZONE_BY_COUNTRY: Record<string, string> = {
  AE: 'Asia/Dubai',
  AF: 'Asia/Kabul',
  AZ: 'Asia/Baku',
  CN: 'Asia/Shanghai',
  IR: 'Asia/Tehran',
  KG: 'Asia/Bishkek',
  KZ: 'Asia/Almaty',
  PK: 'Asia/Karachi',
  TJ: 'Asia/Dushanbe',
  TM: 'Asia/Ashgabat',
  UZ: 'Asia/Tashkent',
};

/** The local time zone of a place (by its UN/LOCODE's country, or a named facility's), UTC when unknown. */
export function timeZoneOf(place: { locode?: string; name: string } | undefined): string {
  const country = place ? countryOf(place) : undefined;
  return (country && ZONE_BY_COUNTRY[country]) ?? 'UTC';
}

/** The time zone of a country (ISO 3166 alpha-2), UTC when it is not one on the corridors. */
export function timeZoneOfCountry(country: string | undefined): string {
  return (country && ZONE_BY_COUNTRY[country.toUpperCase()]) ?? 'UTC';
}
