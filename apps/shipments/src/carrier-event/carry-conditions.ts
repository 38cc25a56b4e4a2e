import type { Cargo, CarrierEventFacts, ShipmentTemperatureExcursion } from '@lib/contracts';

type CarryRange = NonNullable<Cargo['perishable']>;
type Condition = 'temperature' | 'humidity';

/** A reefer reading: the temperature always, the relative humidity when the unit reports it. */
export interface ReeferReading {
  celsius?: number;
  humidityPercent?: number;
}

/**
 * Which of the cargo's carry conditions a reading is outside of: its temperature range, and its humidity
 * range when both the cargo has one (from the commodity catalogue) and the reading reports humidity.
 */
export function outsideCarry(range: CarryRange | undefined, reading: ReeferReading): Condition[] {
  if (!range) return [];
  const outside: Condition[] = [];
  const { celsius, humidityPercent } = reading;
  if (celsius !== undefined && (celsius < range.minCelsius || celsius > range.maxCelsius)) outside.push('temperature');
  if (
    humidityPercent !== undefined &&
    ((range.minHumidityPercent !== undefined && humidityPercent < range.minHumidityPercent) ||
      (range.maxHumidityPercent !== undefined && humidityPercent > range.maxHumidityPercent))
  )
    outside.push('humidity');
  return outside;
}

/**
 * The excursion fact's own fields: the reading and the ranges it is judged by. Humidity travels in the same
 * `shipment.temperature.excursion` (a reading outside the carry conditions is one excursion, whichever
 * condition it breaks; subscribers to excursions hear of both), with `outside` saying which.
 */
export function excursionFields(
  range: CarryRange,
  reading: ReeferReading,
  outside: Condition[],
): Omit<ShipmentTemperatureExcursion, keyof CarrierEventFacts> {
  return {
    celsius: reading.celsius!,
    minCelsius: range.minCelsius,
    maxCelsius: range.maxCelsius,
    ...(reading.humidityPercent !== undefined ? { humidityPercent: reading.humidityPercent } : {}),
    ...(range.minHumidityPercent !== undefined ? { minHumidityPercent: range.minHumidityPercent } : {}),
    ...(range.maxHumidityPercent !== undefined ? { maxHumidityPercent: range.maxHumidityPercent } : {}),
    outside,
  };
}
