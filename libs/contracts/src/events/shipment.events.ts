/** Payloads of the events the shipments service publishes on `shipments.events.v1`. */

export type TransportMode = 'ROAD' | 'RAIL' | 'SEA' | 'AIR';

/** A place on a route: a UN/LOCODE where one exists, else a named facility (Sost, Khunjerab). */
export interface Place {
  locode?: string;
  name: string;
}

export interface Cargo {
  commodity: string;
  hsCode: string;
  packages: number;
  weightKg: number;
  perishable?: {
    minCelsius: number;
    maxCelsius: number;
    /** Relative humidity to carry it at, per cent: from the commodity catalogue at booking, when it knows one. */
    minHumidityPercent?: number;
    maxHumidityPercent?: number;
    shelfLifeDays: number;
  };
}

export interface LegSummary {
  sequence: number;
  mode: TransportMode;
  carrier: string;
  from: Place;
  to: Place;
  /** Border crossing or port the leg starts at, where customs clears the cargo before departure. */
  crossing?: string;
  /** TIR carnet number or eTIR guarantee reference, for TIR transit. */
  tirReference?: string;
  /**
   * The leg runs under a TIR operation (the corridor data's flag: a road leg of a TIR run). Customs
   * asks the carnet where such a run starts, crosses a border and terminates.
   */
  tir?: boolean;
  plannedDeparture?: string;
  plannedArrival?: string;
}

export interface ShipmentBooked {
  shipmentId: string;
  trackingNumber: string;
  shipperId: string;
  consignee?: string;
  corridor?: string;
  cargo: Cargo;
  legs: LegSummary[];
  bookedAt: string;
}

export interface ShipmentCancelled {
  shipmentId: string;
  shipperId: string;
  reason?: string;
}

/** Common to the movement events a carrier posts. */
export interface CarrierEventFacts {
  shipmentId: string;
  shipperId: string;
  legSequence: number;
  carrier: string;
  location: Place;
  occurredAt: string;
  acceptedAt: string;
}

export type ShipmentLegDeparted = CarrierEventFacts;
export type ShipmentLegArrived = CarrierEventFacts;
export interface ShipmentBorderReached extends CarrierEventFacts {
  crossing: string;
}
export interface ShipmentBorderExited extends CarrierEventFacts {
  crossing: string;
}
export type ShipmentDelivered = CarrierEventFacts;
export interface ShipmentException extends CarrierEventFacts {
  reason: string;
}
/**
 * A reefer reading left the cargo's carry conditions: its temperature range or, when the cargo has one, its
 * humidity range. One per excursion (not per reading): the next is raised only after a reading back in range.
 */
export interface ShipmentTemperatureExcursion extends CarrierEventFacts {
  celsius: number;
  minCelsius: number;
  maxCelsius: number;
  /** The reading's relative humidity, per cent, when the carrier reported one. */
  humidityPercent?: number;
  minHumidityPercent?: number;
  maxHumidityPercent?: number;
  /** What is out of range (absent in facts from before humidity was watched: the temperature). */
  outside?: ('temperature' | 'humidity')[];
}
export interface ShipmentEtaChanged {
  shipmentId: string;
  shipperId: string;
  legSequence: number;
  estimatedArrival: string;
  /** When the carrier's estimate was accepted, or when the prediction was made. */
  acceptedAt: string;
  /**
   * Whose estimate: the leg's carrier (an EST/PLN event) or the shipments service's prediction from
   * observed leg and crossing times (then `legSequence` is the last leg: the arrival at destination).
   * Absent on events published before predictions existed: the carrier's.
   */
  source?: 'carrier' | 'predicted';
  /** A predicted arrival's interval (5th–95th percentile); the benchmark shows how often it holds. */
  interval?: { earliest: string; latest: string };
}

export interface ShipmentLegDelayed {
  shipmentId: string;
  shipperId: string;
  legSequence: number;
  plannedArrival: string;
  estimatedArrival: string;
}
export interface ShipmentShelfLifeAtRisk {
  shipmentId: string;
  shipperId: string;
  commodity: string;
  expiresAt: string;
  estimatedDelivery: string;
}

/**
 * A perishable in transit from whose reefer no reading has arrived for the silence limit (REEFER_SILENCE_MS)
 * since the last one, or since the departure when none came: once per silence; a new reading ends it.
 */
export interface ShipmentReeferSilent {
  shipmentId: string;
  shipperId: string;
  commodity: string;
  /** When the latest reading was taken (its `occurredAt`); null when none has come. */
  lastReadingAt: string | null;
  /** When the silence began: when the last reading (else the departure) reached the service. */
  silentSince: string;
  /** How long without a reading counts as silence, in (simulated) milliseconds. */
  silenceMs: number;
}

export interface ShipmentEvents {
  'shipment.booked': ShipmentBooked;
  'shipment.cancelled': ShipmentCancelled;
  'shipment.leg.departed': ShipmentLegDeparted;
  'shipment.leg.arrived': ShipmentLegArrived;
  'shipment.border.reached': ShipmentBorderReached;
  'shipment.border.exited': ShipmentBorderExited;
  'shipment.delivered': ShipmentDelivered;
  'shipment.exception': ShipmentException;
  'shipment.temperature.excursion': ShipmentTemperatureExcursion;
  'shipment.eta.changed': ShipmentEtaChanged;
  'shipment.leg.delayed': ShipmentLegDelayed;
  'shipment.shelf_life.at_risk': ShipmentShelfLifeAtRisk;
  'shipment.reefer.silent': ShipmentReeferSilent;
}
